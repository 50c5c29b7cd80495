/**
 * Private IPs (ListPrivateIps, GetPrivateIp): read-only views of each live VNIC's primary private
 * IP. OCI's ListPrivateIps needs `subnetId`, `vnicId` or `vlanId` (400 otherwise); `ipAddress`
 * narrows a subnet's list. VNICs made before `_privateIpId` existed get the id their ephemeral
 * public IP points at, else one derived from the VNIC id (stable across reads).
 */
import { createHash } from 'node:crypto';
import { OciErrors } from '../../core/errors.ts';
import type { EmulatorRequest, Route } from '../../core/types.ts';
import { notFound, ocid, optionalStr } from '../resource-kit/validate.ts';
import { paginate } from '../resource-kit/paging.ts';
import { live, type NetworkTables, type VnicRecord } from './tables.ts';

export interface PrivateIpView {
  id: string;
  availabilityDomain: string;
  compartmentId: string;
  displayName: string;
  freeformTags: Record<string, string>;
  definedTags: Record<string, unknown>;
  hostnameLabel?: string;
  ipAddress: string;
  isPrimary: boolean;
  subnetId: string;
  vnicId: string;
  timeCreated: string;
  ipState: 'ASSIGNED';
  lifetime: 'EPHEMERAL';
}

export function privateIpIdOf(t: NetworkTables, vnic: VnicRecord): string {
  if (vnic._privateIpId) return vnic._privateIpId;
  const pip = vnic.publicIp
    ? t.publicIps.all().find((p) => p.ipAddress === vnic.publicIp && p.assignedEntityType === 'PRIVATE_IP')
    : undefined;
  if (pip?.assignedEntityId) return pip.assignedEntityId;
  const tail = vnic.id.slice(vnic.id.lastIndexOf('.') + 1);
  return `ocid1.privateip.oc1.iad.${createHash('sha256').update(tail).digest('hex').slice(0, 60)}`;
}

function view(t: NetworkTables, v: VnicRecord): PrivateIpView {
  return {
    id: privateIpIdOf(t, v),
    availabilityDomain: v.availabilityDomain,
    compartmentId: v.compartmentId,
    displayName: v.privateIp,
    freeformTags: {},
    definedTags: {},
    ...(v.hostnameLabel ? { hostnameLabel: v.hostnameLabel } : {}),
    ipAddress: v.privateIp,
    isPrimary: true,
    subnetId: v.subnetId,
    vnicId: v.id,
    timeCreated: v.timeCreated,
    ipState: 'ASSIGNED',
    lifetime: 'EPHEMERAL',
  };
}

export function privateIpRoutes(t: NetworkTables): Route[] {
  const liveVnics = (pre: (v: VnicRecord) => boolean = () => true) => t.vnics.allWhere(pre).filter(live);
  return [
    {
      method: 'GET',
      path: '/20160918/privateIps',
      operation: 'ListPrivateIps',
      handler: (req: EmulatorRequest) => {
        const subnetId = req.query('subnetId') ? ocid(req.query('subnetId'), 'subnetId') : undefined;
        const vnicId = req.query('vnicId') ? ocid(req.query('vnicId'), 'vnicId') : undefined;
        if (req.query('vlanId')) throw OciErrors.notImplemented('ListPrivateIps by vlanId (VLANs)');
        if (!subnetId && !vnicId) throw OciErrors.missingParameter('ListPrivateIps needs subnetId, vnicId or vlanId');
        const ipAddress = optionalStr(req.query('ipAddress'), 'ipAddress', { max: 45 });
        if (ipAddress && !subnetId) throw OciErrors.invalidParameter('ipAddress needs subnetId');
        if (subnetId) t.subnets.require(subnetId, 'subnetId');
        if (vnicId) t.vnics.require(vnicId, 'vnicId');
        const rows = liveVnics(
          (v) =>
            (!subnetId || v.subnetId === subnetId) &&
            (!vnicId || v.id === vnicId) &&
            (!ipAddress || v.privateIp === ipAddress),
        )
          .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
          .map((v) => view(t, v));
        const page = paginate(req, rows);
        return { headers: page.headers, body: page.items };
      },
    },
    {
      method: 'GET',
      path: '/20160918/privateIps/{privateIpId}',
      operation: 'GetPrivateIp',
      handler: (req: EmulatorRequest) => {
        const id = ocid(req.params.privateIpId, 'privateIpId');
        const vnic = liveVnics().find((v) => privateIpIdOf(t, v) === id);
        if (!vnic) throw notFound('privateIp', id);
        return { body: view(t, vnic) };
      },
    },
  ];
}
