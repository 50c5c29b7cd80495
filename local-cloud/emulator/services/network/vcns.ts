/** VCNs (with their default route table, security list and DHCP options) and subnets. */
import { randomBytes } from 'node:crypto';
import { OciErrors } from '../../core/errors.ts';
import { newOcid } from '../../core/ids.ts';
import type { ProviderContext } from '../../core/types.ts';
import type { RetryTokens } from '../resource-kit/retry-tokens.ts';
import { isoNow } from '../resource-kit/table.ts';
import { definedTags, freeformTags, ocid, optionalBool, optionalStr } from '../resource-kit/validate.ts';
import { AD_NAMES, requireCompartment } from '../identity-compartments/store.ts';
import { contains, ipText, overlaps, parseCidr } from './cidr.ts';
import type { FamilyDef } from './crud.ts';
import { live, type NetworkTables, type SubnetRecord, type VcnRecord } from './tables.ts';

const DNS_LABEL = /^[a-zA-Z][a-zA-Z0-9]{0,14}$/;

export const defaultEgress = () => [
  { destination: '0.0.0.0/0', destinationType: 'CIDR_BLOCK', protocol: 'all', isStateless: false },
];
export const defaultIngress = () => [
  {
    source: '0.0.0.0/0',
    sourceType: 'CIDR_BLOCK',
    protocol: '6',
    isStateless: false,
    tcpOptions: { destinationPortRange: { min: 22, max: 22 } },
  },
  {
    source: '0.0.0.0/0',
    sourceType: 'CIDR_BLOCK',
    protocol: '1',
    isStateless: false,
    icmpOptions: { type: 3, code: 4 },
  },
];

export function vcnFamilies(ctx: ProviderContext, t: NetworkTables, tokens: RetryTokens) {
  const common = { tokens, requireCompartment: (v: unknown) => requireCompartment(ctx, v) };
  const base = (b: Record<string, unknown>, type: string) => ({
    id: newOcid(type),
    compartmentId: requireCompartment(ctx, b.compartmentId),
    timeCreated: isoNow(ctx),
    lifecycleState: 'AVAILABLE',
    freeformTags: freeformTags(b.freeformTags),
    definedTags: definedTags(b.definedTags),
  });

  const vcn: FamilyDef<VcnRecord> = {
    ...common,
    kind: 'Vcn',
    path: '/20160918/vcns',
    idParam: 'vcnId',
    table: t.vcns,
    create(b) {
      const blocks = b.cidrBlocks !== undefined ? b.cidrBlocks : b.cidrBlock !== undefined ? [b.cidrBlock] : undefined;
      if (!Array.isArray(blocks) || blocks.length === 0)
        throw OciErrors.missingParameter('cidrBlock or cidrBlocks is required');
      const cidrs = blocks.map((c, i) => parseCidr(c, `cidrBlocks[${i}]`).text);
      const dnsLabel = optionalStr(b.dnsLabel, 'dnsLabel', { pattern: DNS_LABEL });
      const rec = base(b, 'vcn');
      const rt = t.routeTables.put({
        ...base(b, 'routetable'),
        id: newOcid('routetable'),
        displayName: `Default Route Table for ${String(b.displayName ?? rec.id)}`,
        vcnId: rec.id,
        routeRules: [],
        _default: true,
      });
      const sl = t.securityLists.put({
        ...base(b, 'securitylist'),
        id: newOcid('securitylist'),
        displayName: `Default Security List for ${String(b.displayName ?? rec.id)}`,
        vcnId: rec.id,
        ingressSecurityRules: defaultIngress(),
        egressSecurityRules: defaultEgress(),
        _default: true,
      });
      return {
        ...rec,
        displayName: optionalStr(b.displayName, 'displayName') ?? `vcn${ctx.now()}`,
        cidrBlock: cidrs[0]!,
        cidrBlocks: cidrs,
        ...(dnsLabel ? { dnsLabel, vcnDomainName: `${dnsLabel.toLowerCase()}.oraclevcn.com` } : {}),
        defaultRouteTableId: rt.id,
        defaultSecurityListId: sl.id,
        defaultDhcpOptionsId: newOcid('dhcpoptions'),
      };
    },
    blockers(vcn) {
      const deps = [
        ...t.subnets
          .all()
          .filter((s) => s.vcnId === vcn.id)
          .map((s) => `subnet ${s.id}`),
        ...t.internetGateways
          .all()
          .filter((g) => g.vcnId === vcn.id)
          .map((g) => `internet gateway ${g.id}`),
        ...t.routeTables
          .all()
          .filter((r) => r.vcnId === vcn.id && !r._default)
          .map((r) => `route table ${r.id}`),
        ...t.securityLists
          .all()
          .filter((s) => s.vcnId === vcn.id && !s._default)
          .map((s) => `security list ${s.id}`),
      ];
      return deps.length ? `VCN ${vcn.id} still has dependent resources: ${deps.join(', ')}` : undefined;
    },
    onDelete(vcn) {
      t.routeTables.delete(vcn.defaultRouteTableId);
      t.securityLists.delete(vcn.defaultSecurityListId);
    },
  };

  const subnet: FamilyDef<SubnetRecord> = {
    ...common,
    kind: 'Subnet',
    path: '/20160918/subnets',
    idParam: 'subnetId',
    table: t.subnets,
    filters: { vcnId: 'vcnId' },
    create(b) {
      const vcn = t.vcns.require(b.vcnId, 'vcnId');
      const cidr = parseCidr(b.cidrBlock, 'cidrBlock');
      if (!vcn.cidrBlocks.some((c) => contains(parseCidr(c, 'vcn'), cidr)))
        throw OciErrors.invalidParameter(`cidrBlock ${cidr.text} is not inside the VCN's ${vcn.cidrBlocks.join(', ')}`);
      const clash = t.subnets.all().find((s) => s.vcnId === vcn.id && overlaps(parseCidr(s.cidrBlock, 's'), cidr));
      if (clash)
        throw OciErrors.invalidParameter(`cidrBlock ${cidr.text} overlaps subnet ${clash.id} (${clash.cidrBlock})`);
      const ad = optionalStr(b.availabilityDomain, 'availabilityDomain');
      if (ad && !(AD_NAMES as readonly string[]).includes(ad))
        throw OciErrors.invalidParameter(`Unknown availabilityDomain '${ad}'`);
      const routeTableId =
        b.routeTableId === undefined
          ? vcn.defaultRouteTableId
          : t.routeTables.require(b.routeTableId, 'routeTableId').id;
      const securityListIds =
        b.securityListIds === undefined
          ? [vcn.defaultSecurityListId]
          : checkSecurityLists(t, b.securityListIds, vcn.id);
      const dnsLabel = optionalStr(b.dnsLabel, 'dnsLabel', { pattern: DNS_LABEL });
      const isPrivate = optionalBool(b.prohibitPublicIpOnVnic, 'prohibitPublicIpOnVnic') ?? false;
      return {
        ...base(b, 'subnet'),
        displayName: optionalStr(b.displayName, 'displayName') ?? `subnet${ctx.now()}`,
        vcnId: vcn.id,
        cidrBlock: cidr.text,
        ...(ad ? { availabilityDomain: ad } : {}),
        ...(dnsLabel
          ? {
              dnsLabel,
              ...(vcn.vcnDomainName ? { subnetDomainName: `${dnsLabel.toLowerCase()}.${vcn.vcnDomainName}` } : {}),
            }
          : {}),
        prohibitPublicIpOnVnic: isPrivate,
        prohibitInternetIngress: isPrivate,
        routeTableId,
        securityListIds,
        dhcpOptionsId: vcn.defaultDhcpOptionsId,
        virtualRouterIp: ipText(cidr.base + 1),
        virtualRouterMac: '00:00:17:' + randomBytes(3).toString('hex').match(/../g)!.join(':').toUpperCase(),
      };
    },
    update(rec, b) {
      if (b.routeTableId !== undefined) rec.routeTableId = t.routeTables.require(b.routeTableId, 'routeTableId').id;
      if (b.securityListIds !== undefined) rec.securityListIds = checkSecurityLists(t, b.securityListIds, rec.vcnId);
    },
    blockers(subnet) {
      const vnics = t.vnics.all().filter((v) => v.subnetId === subnet.id && live(v));
      return vnics.length
        ? `Subnet ${subnet.id} still has ${vnics.length} attached VNIC(s): ${vnics.map((v) => v.id).join(', ')}`
        : undefined;
    },
  };
  return { vcn, subnet };
}

function checkSecurityLists(t: NetworkTables, value: unknown, vcnId: string): string[] {
  if (!Array.isArray(value) || value.length > 5)
    throw OciErrors.invalidParameter('securityListIds must be a list of at most 5 OCIDs');
  return value.map((v, i) => {
    const sl = t.securityLists.require(ocid(v, `securityListIds[${i}]`), `securityListIds[${i}]`);
    if (sl.vcnId !== vcnId) throw OciErrors.invalidParameter(`Security list ${sl.id} belongs to another VCN`);
    return sl.id;
  });
}
