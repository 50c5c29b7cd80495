/**
 * The launch network by naming convention: VCN `<prefix>-vcn-<region>` with an internet gateway,
 * a route table (0.0.0.0/0 → IGW), a security list (SSH + requested TCP ports) and one public
 * subnet. Every piece is looked up before it is created and created with a retry token, so a
 * retried launch converges on one network. Pieces we create carry {@link MANAGED_TAG}, which is
 * what cleanup relies on: it never deletes what it did not create.
 */
import { createHash } from 'node:crypto';
import { isAppError } from '#shared/errors.ts';
import type { Logger } from '#shared/log.ts';
import type { ComputePort, NetworkPort, SecurityRuleSpec } from './ports.ts';

export const MANAGED_TAG = { key: 'managed-by', value: 'oci-graphql-resources' } as const;

export interface NetworkNames {
  vcn: string;
  subnet: string;
  internetGateway: string;
  routeTable: string;
  securityList: string;
}

export function networkNames(prefix: string, region: string): NetworkNames {
  return {
    vcn: `${prefix}-vcn-${region}`,
    subnet: `${prefix}-public-subnet-${region}`,
    internetGateway: `${prefix}-igw-${region}`,
    routeTable: `${prefix}-public-rt-${region}`,
    securityList: `${prefix}-public-sl-${region}`,
  };
}

/** A retry token per piece: stable for one idempotency key, so a retried mutation reuses it. */
export function pieceToken(key: string, piece: string): string {
  return createHash('sha256').update(`${key}\n${piece}`).digest('hex').slice(0, 64);
}

export type NetworkPieceKind = Parameters<NetworkPort['delete']>[0];
export interface NetworkPiece {
  kind: NetworkPieceKind;
  id: string;
}

/** What one ensureNetwork call changed: the pieces it created (in order) and a security list it widened. */
export interface NetworkChanges {
  pieces: NetworkPiece[];
  widened?: { securityListId: string; added: SecurityRuleSpec[] };
}

/**
 * `created`: ids of the pieces this call created (reused ones are not listed); `changes`: for
 * {@link undoNetworkChanges}.
 */
export interface EnsuredNetwork {
  vcnId: string;
  subnetId: string;
  created: string[];
  changes: NetworkChanges;
}

const rule = (port: number): SecurityRuleSpec => ({ protocol: '6', source: '0.0.0.0/0', tcpMin: port, tcpMax: port });
const hasPort = (rules: SecurityRuleSpec[], port: number) =>
  rules.some((r) => r.protocol === '6' && r.source === '0.0.0.0/0' && r.tcpMin <= port && r.tcpMax >= port);

/**
 * Whether OCI turned a request down for good (bad input, unknown or conflicting resource, not
 * allowed), as opposed to a transient failure (rate limit, outage, deadline) after which the request
 * may still have gone through, or a retry with the same idempotency key should converge on what
 * exists. Only the first kind rolls back the network a launch created: a retry token replayed after
 * its piece was deleted would answer the deleted piece.
 */
export function isRejection(e: unknown): boolean {
  return isAppError(e) && (['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN'] as string[]).includes(e.code);
}

/**
 * Find or create every piece; opens missing requested ports on an existing security list. With
 * `rollback`, a rejected step ({@link isRejection}) undoes what this call changed (best effort)
 * before the error goes on. Callers pass `rollback` only for a key that is never used again: a
 * retry with the same key would replay the retry tokens of deleted pieces (OCI answers 409).
 */
export async function ensureNetwork(
  net: NetworkPort,
  args: {
    compartmentId: string;
    prefix: string;
    ports: number[];
    idempotencyKey: string;
    rollback: boolean;
    log: Logger;
  },
): Promise<EnsuredNetwork> {
  const changes: NetworkChanges = { pieces: [] };
  try {
    return await buildNetwork(net, args, changes);
  } catch (e: unknown) {
    if (args.rollback && isRejection(e)) await undoNetworkChanges(net, changes, args.log);
    throw e;
  }
}

async function buildNetwork(
  net: NetworkPort,
  args: { compartmentId: string; prefix: string; ports: number[]; idempotencyKey: string; log: Logger },
  changes: NetworkChanges,
): Promise<EnsuredNetwork> {
  const n = networkNames(args.prefix, net.region());
  const tags = { [MANAGED_TAG.key]: MANAGED_TAG.value, 'network-prefix': args.prefix };
  const token = (piece: string) => pieceToken(args.idempotencyKey, piece);
  const created = {
    push: (kind: NetworkPieceKind, id: string) => {
      changes.pieces.push({ kind, id });
    },
  };
  const { compartmentId } = args;
  const ports = [...new Set([22, ...args.ports])].sort((a, b) => a - b);

  let vcn = await net.findVcn(compartmentId, n.vcn);
  if (!vcn) {
    vcn = await net.createVcn({
      compartmentId,
      displayName: n.vcn,
      cidrBlock: '10.0.0.0/16',
      dnsLabel: dnsLabel(args.prefix, 'vcn'),
      tags,
      retryToken: token('vcn'),
    });
    created.push('vcn', vcn.id);
  }
  const vcnId = vcn.id;
  const where = { compartmentId, vcnId };

  let igw = await net.find('internetGateway', { ...where, displayName: n.internetGateway });
  if (!igw) {
    igw = await net.createInternetGateway({ ...where, displayName: n.internetGateway, tags, retryToken: token('igw') });
    created.push('internetGateway', igw.id);
  }

  let rt = await net.find('routeTable', { ...where, displayName: n.routeTable });
  if (!rt) {
    rt = await net.createRouteTable({
      ...where,
      displayName: n.routeTable,
      igwId: igw.id,
      tags,
      retryToken: token('rt'),
    });
    created.push('routeTable', rt.id);
  }

  let sl = await net.find('securityList', { ...where, displayName: n.securityList });
  if (!sl) {
    sl = await net.createSecurityList({
      ...where,
      displayName: n.securityList,
      ingress: ports.map(rule),
      tags,
      retryToken: token('sl'),
    });
    created.push('securityList', sl.id);
  } else {
    const ingress = await net.getSecurityListIngress(sl.id);
    const missing = ports.filter((p) => !hasPort(ingress, p));
    if (missing.length) {
      const added = missing.map(rule);
      changes.widened = { securityListId: sl.id, added };
      await net.updateSecurityList(sl.id, [...ingress, ...added]);
      args.log.info('opened ports on the launch security list', { securityListId: sl.id, ports: missing });
    }
  }

  let subnet = await net.find('subnet', { ...where, displayName: n.subnet });
  if (!subnet) {
    subnet = await net.createSubnet({
      ...where,
      displayName: n.subnet,
      cidrBlock: '10.0.0.0/24',
      dnsLabel: dnsLabel(args.prefix, 'pub'),
      routeTableId: rt.id,
      securityListIds: [sl.id],
      tags,
      retryToken: token('subnet'),
    });
    created.push('subnet', subnet.id);
  }
  return { vcnId, subnetId: subnet.id, created: changes.pieces.map((p) => p.id), changes };
}

/**
 * Undo what one ensureNetwork call changed, after the launch it was for failed: delete the pieces it
 * created in reverse order (the subnet before its route table and security list, the VCN last) and
 * take out the ingress rules it added to a security list (rules others added since stay). Reused
 * pieces are never deleted. Best
 * effort: what will not go is logged and answered in `kept`, never thrown, because the caller is
 * already reporting the error that made it roll back.
 */
export async function undoNetworkChanges(
  net: NetworkPort,
  changes: NetworkChanges,
  log: Logger,
): Promise<{ removed: string[]; kept: string[] }> {
  const removed: string[] = [];
  const kept: string[] = [];
  if (changes.widened) {
    const { securityListId, added } = changes.widened;
    const same = (a: SecurityRuleSpec, b: SecurityRuleSpec) =>
      a.protocol === b.protocol && a.source === b.source && a.tcpMin === b.tcpMin && a.tcpMax === b.tcpMax;
    try {
      const now = await net.getSecurityListIngress(securityListId);
      const kept = now.filter((r) => !added.some((a) => same(a, r)));
      if (kept.length !== now.length) await net.updateSecurityList(securityListId, kept);
    } catch (e: unknown) {
      log.warn('could not restore the ingress rules of the launch security list', {
        securityListId: changes.widened.securityListId,
        error: String((e as Error)?.message ?? e),
      });
    }
  }
  for (const p of [...changes.pieces].reverse()) {
    try {
      await net.delete(p.kind, p.id);
      removed.push(p.id);
    } catch (e: unknown) {
      kept.push(p.id);
      log.warn('could not remove a network piece after a failed launch', {
        kind: p.kind,
        id: p.id,
        error: String((e as Error)?.message ?? e),
      });
    }
  }
  if (removed.length) log.info('removed the network pieces of a failed launch', { removed, kept });
  return { removed, kept };
}

/** DNS labels: letters and digits, start with a letter, at most 15 characters. */
function dnsLabel(prefix: string, suffix: string): string {
  const base =
    prefix
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
      .replace(/^[^a-z]+/, '') || 'net';
  return `${base.slice(0, 15 - suffix.length)}${suffix}`;
}

const isManaged = (tags: Record<string, string>) => tags[MANAGED_TAG.key] === MANAGED_TAG.value;

/**
 * Remove the managed network around `subnetId` once no other instance uses the subnet. Answers
 * the ids removed and, when something stays, why.
 */
export async function cleanupNetwork(
  net: NetworkPort,
  compute: ComputePort,
  args: { compartmentId: string; subnetId: string; instanceId: string },
): Promise<{ removed: string[]; kept?: string }> {
  const subnet = await net.getSubnet(args.subnetId);
  if (!subnet) return { removed: [], kept: 'the subnet no longer exists' };
  if (!isManaged(subnet.freeformTags))
    return { removed: [], kept: `subnet ${subnet.displayName} was not created by this API` };
  const users = await compute.countInstancesInSubnet({
    compartmentId: args.compartmentId,
    subnetId: subnet.id,
    excludeInstanceId: args.instanceId,
  });
  if (users > 0)
    return {
      removed: [],
      kept: `${users} other instance${users > 1 ? 's' : ''} still use subnet ${subnet.displayName}`,
    };
  const prefix = subnet.freeformTags['network-prefix'];
  const n = prefix ? networkNames(prefix, net.region()) : undefined;
  const removed: string[] = [];
  await net.delete('subnet', subnet.id);
  removed.push(subnet.id);
  if (!n) return { removed, kept: 'the subnet carries no network-prefix tag; the VCN is kept' };
  const where = { compartmentId: args.compartmentId, vcnId: subnet.vcnId };
  for (const [kind, name] of [
    ['routeTable', n.routeTable],
    ['securityList', n.securityList],
    ['internetGateway', n.internetGateway],
  ] as const) {
    const rec = await net.find(kind, { ...where, displayName: name });
    if (rec && isManaged(rec.freeformTags)) {
      await net.delete(kind, rec.id);
      removed.push(rec.id);
    }
  }
  const vcn = await net.findVcn(args.compartmentId, n.vcn);
  if (vcn && vcn.id === subnet.vcnId && isManaged(vcn.freeformTags)) {
    try {
      await net.delete('vcn', vcn.id);
      removed.push(vcn.id);
    } catch (e: unknown) {
      return {
        removed,
        kept: `VCN ${vcn.displayName} still has other resources (${String((e as Error).message ?? e)})`,
      };
    }
  }
  return { removed };
}
