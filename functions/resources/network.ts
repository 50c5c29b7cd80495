/**
 * The launch network by naming convention: VCN `<prefix>-vcn-<region>` with an internet gateway,
 * a route table (0.0.0.0/0 → IGW), a security list (SSH + requested TCP ports) and one public
 * subnet. Every piece is looked up before it is created and created with a retry token, so a
 * retried launch converges on one network. Pieces we create carry {@link MANAGED_TAG}, which is
 * what cleanup relies on: it never deletes what it did not create.
 */
import { createHash } from 'node:crypto';
import type { Logger } from '#shared/log.ts';
import type { ComputePort, NetworkPort, SecurityRuleSpec } from './ports.ts';

export const MANAGED_TAG = { key: 'managed-by', value: 'oci-graphql-resources' } as const;

export interface NetworkNames { vcn: string; subnet: string; internetGateway: string; routeTable: string; securityList: string }

export function networkNames(prefix: string, region: string): NetworkNames {
  return {
    vcn: `${prefix}-vcn-${region}`, subnet: `${prefix}-public-subnet-${region}`, internetGateway: `${prefix}-igw-${region}`,
    routeTable: `${prefix}-public-rt-${region}`, securityList: `${prefix}-public-sl-${region}`,
  };
}

/** A retry token per piece: stable for one idempotency key, so a retried mutation reuses it. */
export function pieceToken(key: string, piece: string): string {
  return createHash('sha256').update(`${key}\n${piece}`).digest('hex').slice(0, 64);
}

export interface EnsuredNetwork { vcnId: string; subnetId: string; created: string[] }

const rule = (port: number): SecurityRuleSpec => ({ protocol: '6', source: '0.0.0.0/0', tcpMin: port, tcpMax: port });
const hasPort = (rules: SecurityRuleSpec[], port: number) => rules.some((r) => r.protocol === '6' && r.source === '0.0.0.0/0' && r.tcpMin <= port && r.tcpMax >= port);

/** Find or create every piece; opens missing requested ports on an existing security list. */
export async function ensureNetwork(net: NetworkPort, args: { compartmentId: string; prefix: string; ports: number[]; idempotencyKey: string; log: Logger }): Promise<EnsuredNetwork> {
  const n = networkNames(args.prefix, net.region());
  const tags = { [MANAGED_TAG.key]: MANAGED_TAG.value, 'network-prefix': args.prefix };
  const token = (piece: string) => pieceToken(args.idempotencyKey, piece);
  const created: string[] = [];
  const { compartmentId } = args;
  const ports = [...new Set([22, ...args.ports])].sort((a, b) => a - b);

  let vcn = await net.findVcn(compartmentId, n.vcn);
  if (!vcn) {
    vcn = await net.createVcn({ compartmentId, displayName: n.vcn, cidrBlock: '10.0.0.0/16', dnsLabel: dnsLabel(args.prefix, 'vcn'), tags, retryToken: token('vcn') });
    created.push(vcn.id);
  }
  const vcnId = vcn.id;
  const where = { compartmentId, vcnId };

  let igw = await net.find('internetGateway', { ...where, displayName: n.internetGateway });
  if (!igw) { igw = await net.createInternetGateway({ ...where, displayName: n.internetGateway, tags, retryToken: token('igw') }); created.push(igw.id); }

  let rt = await net.find('routeTable', { ...where, displayName: n.routeTable });
  if (!rt) { rt = await net.createRouteTable({ ...where, displayName: n.routeTable, igwId: igw.id, tags, retryToken: token('rt') }); created.push(rt.id); }

  let sl = await net.find('securityList', { ...where, displayName: n.securityList });
  if (!sl) {
    sl = await net.createSecurityList({ ...where, displayName: n.securityList, ingress: ports.map(rule), tags, retryToken: token('sl') });
    created.push(sl.id);
  } else {
    const ingress = await net.getSecurityListIngress(sl.id);
    const missing = ports.filter((p) => !hasPort(ingress, p));
    if (missing.length) {
      await net.updateSecurityList(sl.id, [...ingress, ...missing.map(rule)]);
      args.log.info('opened ports on the launch security list', { securityListId: sl.id, ports: missing });
    }
  }

  let subnet = await net.find('subnet', { ...where, displayName: n.subnet });
  if (!subnet) {
    subnet = await net.createSubnet({
      ...where, displayName: n.subnet, cidrBlock: '10.0.0.0/24', dnsLabel: dnsLabel(args.prefix, 'pub'), routeTableId: rt.id, securityListIds: [sl.id], tags, retryToken: token('subnet'),
    });
    created.push(subnet.id);
  }
  return { vcnId, subnetId: subnet.id, created };
}

/** DNS labels: letters and digits, start with a letter, at most 15 characters. */
function dnsLabel(prefix: string, suffix: string): string {
  const base = prefix.toLowerCase().replace(/[^a-z0-9]/g, '').replace(/^[^a-z]+/, '') || 'net';
  return `${base.slice(0, 15 - suffix.length)}${suffix}`;
}

const isManaged = (tags: Record<string, string>) => tags[MANAGED_TAG.key] === MANAGED_TAG.value;

/**
 * Remove the managed network around `subnetId` once no other instance uses the subnet. Answers
 * the ids removed and, when something stays, why.
 */
export async function cleanupNetwork(net: NetworkPort, compute: ComputePort, args: { compartmentId: string; subnetId: string; instanceId: string }): Promise<{ removed: string[]; kept?: string }> {
  const subnet = await net.getSubnet(args.subnetId);
  if (!subnet) return { removed: [], kept: 'the subnet no longer exists' };
  if (!isManaged(subnet.freeformTags)) return { removed: [], kept: `subnet ${subnet.displayName} was not created by this API` };
  const users = await compute.countInstancesInSubnet({ compartmentId: args.compartmentId, subnetId: subnet.id, excludeInstanceId: args.instanceId });
  if (users > 0) return { removed: [], kept: `${users} other instance${users > 1 ? 's' : ''} still use subnet ${subnet.displayName}` };
  const prefix = subnet.freeformTags['network-prefix'];
  const n = prefix ? networkNames(prefix, net.region()) : undefined;
  const removed: string[] = [];
  await net.delete('subnet', subnet.id);
  removed.push(subnet.id);
  if (!n) return { removed, kept: 'the subnet carries no network-prefix tag; the VCN is kept' };
  const where = { compartmentId: args.compartmentId, vcnId: subnet.vcnId };
  for (const [kind, name] of [['routeTable', n.routeTable], ['securityList', n.securityList], ['internetGateway', n.internetGateway]] as const) {
    const rec = await net.find(kind, { ...where, displayName: name });
    if (rec && isManaged(rec.freeformTags)) { await net.delete(kind, rec.id); removed.push(rec.id); }
  }
  const vcn = await net.findVcn(args.compartmentId, n.vcn);
  if (vcn && vcn.id === subnet.vcnId && isManaged(vcn.freeformTags)) {
    try {
      await net.delete('vcn', vcn.id);
      removed.push(vcn.id);
    } catch (e: unknown) {
      return { removed, kept: `VCN ${vcn.displayName} still has other resources (${String((e as Error).message ?? e)})` };
    }
  }
  return { removed };
}
