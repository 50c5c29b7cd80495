/** Internet gateways, route tables and security lists. */
import { OciErrors } from '../../core/errors.ts';
import { isOcid, newOcid } from '../../core/ids.ts';
import type { ProviderContext } from '../../core/types.ts';
import type { RetryTokens } from '../resource-kit/retry-tokens.ts';
import { isoNow } from '../resource-kit/table.ts';
import { definedTags, freeformTags, optionalBool, optionalStr } from '../resource-kit/validate.ts';
import { requireCompartment } from '../identity-compartments/store.ts';
import { parseCidr } from './cidr.ts';
import type { FamilyDef } from './crud.ts';
import type {
  InternetGatewayRecord,
  NetworkTables,
  RouteRule,
  RouteTableRecord,
  SecurityListRecord,
} from './tables.ts';

function routeRules(t: NetworkTables, value: unknown, vcnId: string): RouteRule[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw OciErrors.invalidParameter('routeRules must be a list');
  return value.map((r: Record<string, unknown>, i) => {
    const destination = (r?.destination ?? r?.cidrBlock) as unknown;
    const destinationType = (r?.destinationType as string | undefined) ?? 'CIDR_BLOCK';
    if (destinationType === 'CIDR_BLOCK') parseCidr(destination, `routeRules[${i}].destination`, { minBits: 0 });
    else if (destinationType !== 'SERVICE_CIDR_BLOCK')
      throw OciErrors.invalidParameter(`routeRules[${i}].destinationType must be CIDR_BLOCK or SERVICE_CIDR_BLOCK`);
    const target = r?.networkEntityId;
    if (!isOcid(target)) throw OciErrors.invalidParameter(`routeRules[${i}].networkEntityId must be an OCID`);
    if (isOcid(target, 'internetgateway')) {
      const ig = t.internetGateways.find(target);
      if (!ig || ig.vcnId !== vcnId)
        throw OciErrors.invalidParameter(
          `routeRules[${i}].networkEntityId ${target} is not an internet gateway of this VCN`,
        );
    }
    return {
      destination: String(destination),
      destinationType,
      networkEntityId: target,
      ...(typeof r.description === 'string' ? { description: r.description } : {}),
    };
  });
}

function securityRules(value: unknown, name: string, key: 'source' | 'destination'): Record<string, unknown>[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw OciErrors.invalidParameter(`${name} must be a list`);
  return value.map((r: Record<string, unknown>, i) => {
    if (typeof r?.protocol !== 'string' || !/^(all|\d{1,3})$/.test(r.protocol))
      throw OciErrors.invalidParameter(`${name}[${i}].protocol must be 'all' or an IANA protocol number`);
    if (typeof r[key] !== 'string') throw OciErrors.missingParameter(`${name}[${i}].${key} is required`);
    return { ...r, isStateless: r.isStateless ?? false };
  });
}

export function gatewayFamilies(ctx: ProviderContext, t: NetworkTables, tokens: RetryTokens) {
  const common = {
    tokens,
    requireCompartment: (v: unknown) => requireCompartment(ctx, v),
    filters: { vcnId: 'vcnId' as const },
  };
  const base = (b: Record<string, unknown>, type: string) => {
    const vcn = t.vcns.require(b.vcnId, 'vcnId');
    return {
      id: newOcid(type),
      compartmentId: requireCompartment(ctx, b.compartmentId),
      vcnId: vcn.id,
      timeCreated: isoNow(ctx),
      lifecycleState: 'AVAILABLE',
      displayName: optionalStr(b.displayName, 'displayName') ?? `${type}${ctx.now()}`,
      freeformTags: freeformTags(b.freeformTags),
      definedTags: definedTags(b.definedTags),
    };
  };
  const internetGateway: FamilyDef<InternetGatewayRecord> = {
    ...common,
    kind: 'InternetGateway',
    path: '/20160918/internetGateways',
    idParam: 'igId',
    table: t.internetGateways,
    create(b) {
      const isEnabled = optionalBool(b.isEnabled, 'isEnabled');
      if (isEnabled === undefined) throw OciErrors.missingParameter('isEnabled is required');
      const rec = base(b, 'internetgateway');
      if (t.internetGateways.all().some((g) => g.vcnId === rec.vcnId))
        throw OciErrors.limitExceeded(`VCN ${rec.vcnId} already has an internet gateway`);
      return { ...rec, isEnabled };
    },
    update(rec, b) {
      rec.isEnabled = optionalBool(b.isEnabled, 'isEnabled') ?? rec.isEnabled;
    },
    blockers(ig) {
      const users = t.routeTables.all().filter((rt) => rt.routeRules.some((r) => r.networkEntityId === ig.id));
      return users.length
        ? `Internet gateway ${ig.id} is the target of route rules in ${users.map((u) => u.id).join(', ')}`
        : undefined;
    },
  };
  const routeTable: FamilyDef<RouteTableRecord> = {
    ...common,
    kind: 'RouteTable',
    path: '/20160918/routeTables',
    idParam: 'rtId',
    table: t.routeTables,
    create(b) {
      const rec = base(b, 'routetable');
      return { ...rec, routeRules: routeRules(t, b.routeRules, rec.vcnId) };
    },
    update(rec, b) {
      if (b.routeRules !== undefined) rec.routeRules = routeRules(t, b.routeRules, rec.vcnId);
    },
    blockers(rt) {
      if (rt._default) return `Route table ${rt.id} is the default of its VCN; it goes when the VCN is deleted`;
      const users = t.subnets.all().filter((s) => s.routeTableId === rt.id);
      return users.length
        ? `Route table ${rt.id} is used by subnet(s) ${users.map((s) => s.id).join(', ')}`
        : undefined;
    },
  };
  const securityList: FamilyDef<SecurityListRecord> = {
    ...common,
    kind: 'SecurityList',
    path: '/20160918/securityLists',
    idParam: 'securityListId',
    table: t.securityLists,
    create(b) {
      return {
        ...base(b, 'securitylist'),
        ingressSecurityRules: securityRules(b.ingressSecurityRules, 'ingressSecurityRules', 'source'),
        egressSecurityRules: securityRules(b.egressSecurityRules, 'egressSecurityRules', 'destination'),
      };
    },
    update(rec, b) {
      if (b.ingressSecurityRules !== undefined)
        rec.ingressSecurityRules = securityRules(b.ingressSecurityRules, 'ingressSecurityRules', 'source');
      if (b.egressSecurityRules !== undefined)
        rec.egressSecurityRules = securityRules(b.egressSecurityRules, 'egressSecurityRules', 'destination');
    },
    blockers(sl) {
      if (sl._default) return `Security list ${sl.id} is the default of its VCN; it goes when the VCN is deleted`;
      const users = t.subnets.all().filter((s) => s.securityListIds.includes(sl.id));
      return users.length
        ? `Security list ${sl.id} is used by subnet(s) ${users.map((s) => s.id).join(', ')}`
        : undefined;
    },
  };
  return { internetGateway, routeTable, securityList };
}
