/**
 * VNICs (made by the compute provider when it launches an instance) and public IPs. The compute
 * provider calls `attachVnic`/`releaseVnic` through the network provider's public API.
 */
import { randomBytes } from 'node:crypto';
import { OciErrors } from '../../core/errors.ts';
import { newOcid } from '../../core/ids.ts';
import type { ProviderContext, Route } from '../../core/types.ts';
import { transition } from '../resource-kit/lifecycle.ts';
import type { RetryTokens } from '../resource-kit/retry-tokens.ts';
import { isoNow, listAnswer } from '../resource-kit/table.ts';
import { freeformTags, oneOf, optionalOcid, optionalStr } from '../resource-kit/validate.ts';
import { AD_NAMES, requireCompartment } from '../identity-compartments/store.ts';
import { allocateIp, parseCidr } from './cidr.ts';
import { live, type NetworkTables, type PublicIpRecord, type VnicRecord } from './tables.ts';

export interface AttachVnicInput {
  compartmentId: string;
  subnetId: string;
  availabilityDomain: string;
  instanceId: string;
  /** @default true unless the subnet prohibits public IPs */
  assignPublicIp?: boolean;
  displayName?: string;
  hostnameLabel?: string;
  privateIp?: string;
  freeformTags?: Record<string, string>;
  /** when the VNIC turns AVAILABLE (it is PROVISIONING until then) */
  readyAt: number;
}

function newPublicIp(t: NetworkTables): string {
  const used = new Set(t.publicIps.all().map((p) => p.ipAddress));
  for (;;) {
    const [a, b] = randomBytes(2);
    const ip = `129.80.${a}.${Math.max(2, b! % 254)}`;
    if (!used.has(ip)) return ip;
  }
}

export function vnicApi(ctx: ProviderContext, t: NetworkTables) {
  return {
    /** Validate the subnet and make a VNIC (plus an ephemeral public IP when asked). */
    attachVnic(i: AttachVnicInput): VnicRecord {
      const subnet = t.subnets.require(i.subnetId, 'createVnicDetails.subnetId');
      if (subnet.availabilityDomain && subnet.availabilityDomain !== i.availabilityDomain) {
        throw OciErrors.invalidParameter(
          `Subnet ${subnet.id} is in ${subnet.availabilityDomain}, not ${i.availabilityDomain}`,
        );
      }
      const wantPublic = i.assignPublicIp ?? !subnet.prohibitPublicIpOnVnic;
      if (wantPublic && subnet.prohibitPublicIpOnVnic)
        throw OciErrors.invalidParameter(`Subnet ${subnet.id} is private: it prohibits public IPs on VNICs`);
      const used = new Set(
        t.vnics.col
          .values()
          .filter((v) => v.subnetId === subnet.id && live(v))
          .map((v) => v.privateIp),
      );
      const cidr = parseCidr(subnet.cidrBlock, 'subnet');
      let privateIp = i.privateIp;
      if (privateIp !== undefined && used.has(privateIp))
        throw OciErrors.conflict(`Private IP ${privateIp} is already in use in subnet ${subnet.id}`);
      privateIp ??= allocateIp(cidr, used);
      const vnic: VnicRecord = {
        id: newOcid('vnic'),
        compartmentId: i.compartmentId,
        availabilityDomain: i.availabilityDomain,
        subnetId: subnet.id,
        privateIp,
        displayName: i.displayName ?? 'primaryvnic',
        isPrimary: true,
        macAddress: '02:00:17:' + randomBytes(3).toString('hex').match(/../g)!.join(':').toUpperCase(),
        skipSourceDestCheck: false,
        nsgIds: [],
        timeCreated: isoNow(ctx),
        lifecycleState: 'PROVISIONING',
        _next: [{ state: 'AVAILABLE', at: i.readyAt }],
        ...(i.hostnameLabel ? { hostnameLabel: i.hostnameLabel } : {}),
        freeformTags: i.freeformTags ?? {},
        _instanceId: i.instanceId,
        _privateIpId: newOcid('privateip'),
      };
      if (wantPublic) {
        const pip = t.publicIps.put({
          id: newOcid('publicip'),
          compartmentId: i.compartmentId,
          displayName: `${vnic.displayName}-public`,
          ipAddress: newPublicIp(t),
          lifetime: 'EPHEMERAL',
          scope: 'AVAILABILITY_DOMAIN',
          availabilityDomain: i.availabilityDomain,
          assignedEntityId: vnic._privateIpId!,
          assignedEntityType: 'PRIVATE_IP',
          timeCreated: isoNow(ctx),
          lifecycleState: 'ASSIGNED',
          freeformTags: {},
        });
        pip.privateIpId = pip.assignedEntityId;
        t.publicIps.put(pip);
        vnic.publicIp = pip.ipAddress;
      }
      return t.vnics.put(vnic);
    },
    /** The VNIC goes DETACHING now and DETACHED at `doneAt`; its ephemeral public IP goes. */
    releaseVnic(id: string, doneAt: number): void {
      const vnic = t.vnics.find(id);
      if (!vnic || !live(vnic)) return;
      transition(vnic, ['TERMINATING', 'TERMINATED'], ctx.now(), Math.max(0, doneAt - ctx.now()));
      if (vnic.publicIp)
        for (const p of t.publicIps.all())
          if (p.ipAddress === vnic.publicIp && p.lifetime === 'EPHEMERAL') t.publicIps.delete(p.id);
      t.vnics.put(vnic);
    },
    findVnic: (id: string): VnicRecord | undefined => t.vnics.find(id),
    findSubnet: (id: string) => t.subnets.find(id),
  };
}
export type VnicApi = ReturnType<typeof vnicApi>;

export function vnicRoutes(ctx: ProviderContext, t: NetworkTables, tokens: RetryTokens): Route[] {
  return [
    {
      method: 'GET',
      path: '/20160918/vnics/{vnicId}',
      operation: 'GetVnic',
      handler: (req) => t.vnics.answer(t.vnics.require(req.params.vnicId, 'vnicId')),
    },
    {
      method: 'PUT',
      path: '/20160918/vnics/{vnicId}',
      operation: 'UpdateVnic',
      handler: (req) => {
        const vnic = t.vnics.require(req.params.vnicId, 'vnicId');
        t.vnics.checkIfMatch(req, vnic);
        const b = req.json();
        vnic.displayName = optionalStr(b.displayName, 'displayName') ?? vnic.displayName;
        const host = optionalStr(b.hostnameLabel, 'hostnameLabel', { max: 63 });
        if (host) vnic.hostnameLabel = host;
        if (b.freeformTags !== undefined) vnic.freeformTags = freeformTags(b.freeformTags);
        return t.vnics.answer(t.vnics.put(vnic));
      },
    },
    {
      method: 'GET',
      path: '/20160918/publicIps',
      operation: 'ListPublicIps',
      handler: (req) => {
        const scope = oneOf(req.query('scope'), 'scope', ['REGION', 'AVAILABILITY_DOMAIN'] as const);
        const compartmentId = requireCompartment(ctx, req.query('compartmentId'));
        const ad = req.query('availabilityDomain');
        if (scope === 'AVAILABILITY_DOMAIN' && !ad)
          throw OciErrors.missingParameter('availabilityDomain is required when scope is AVAILABILITY_DOMAIN');
        const lifetime = req.query('lifetime');
        const rows = t.publicIps
          .allWhere((p) => p.compartmentId === compartmentId)
          .filter(
            (p) => p.scope === scope && (!ad || p.availabilityDomain === ad) && (!lifetime || p.lifetime === lifetime),
          );
        return listAnswer(req, rows);
      },
    },
    {
      method: 'GET',
      path: '/20160918/publicIps/{publicIpId}',
      operation: 'GetPublicIp',
      handler: (req) => t.publicIps.answer(t.publicIps.require(req.params.publicIpId, 'publicIpId')),
    },
    {
      method: 'POST',
      path: '/20160918/publicIps',
      operation: 'CreatePublicIp',
      handler: (req) => {
        const replay = tokens.replayed(req);
        if (replay && t.publicIps.find(replay)) return t.publicIps.answer(t.publicIps.find(replay)!);
        const b = req.json();
        oneOf(b.lifetime, 'lifetime', ['RESERVED'] as const);
        const rec: PublicIpRecord = {
          id: newOcid('publicip'),
          compartmentId: requireCompartment(ctx, b.compartmentId),
          displayName: optionalStr(b.displayName, 'displayName') ?? 'reserved-ip',
          ipAddress: newPublicIp(t),
          lifetime: 'RESERVED',
          scope: 'REGION',
          timeCreated: isoNow(ctx),
          lifecycleState: 'AVAILABLE',
          freeformTags: freeformTags(b.freeformTags),
        };
        const privateIpId = optionalOcid(b.privateIpId, 'privateIpId');
        if (privateIpId) throw OciErrors.notImplemented('CreatePublicIp with privateIpId (assigning a reserved IP)');
        t.publicIps.put(rec);
        tokens.remember(req, rec.id);
        return t.publicIps.answer(rec);
      },
    },
    {
      method: 'PUT',
      path: '/20160918/publicIps/{publicIpId}',
      operation: 'UpdatePublicIp',
      handler: (req) => {
        const rec = t.publicIps.require(req.params.publicIpId, 'publicIpId');
        const b = req.json();
        if (b.privateIpId !== undefined)
          throw OciErrors.notImplemented('UpdatePublicIp with privateIpId (assigning a reserved IP)');
        rec.displayName = optionalStr(b.displayName, 'displayName') ?? rec.displayName;
        if (b.freeformTags !== undefined) rec.freeformTags = freeformTags(b.freeformTags);
        return t.publicIps.answer(t.publicIps.put(rec));
      },
    },
    {
      method: 'DELETE',
      path: '/20160918/publicIps/{publicIpId}',
      operation: 'DeletePublicIp',
      handler: (req) => {
        const rec = t.publicIps.require(req.params.publicIpId, 'publicIpId');
        if (rec.lifetime === 'EPHEMERAL')
          throw OciErrors.conflict(`Public IP ${rec.id} is ephemeral; it goes with its VNIC`);
        t.publicIps.delete(rec.id);
        return { status: 204 };
      },
    },
  ];
}

export { AD_NAMES };
