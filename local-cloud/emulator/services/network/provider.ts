/**
 * Virtual Network (VirtualNetworkClient, `/20160918/...`): VCNs, subnets, internet gateways,
 * route tables, security lists (create/get/list/update/delete with displayName and vcnId filters,
 * retry tokens, `if-match`), VNIC get/update, private IPs (list by subnet/VNIC/address, get: the
 * primary private IP of each VNIC) and public IPs (reserved create/delete; ephemeral ones come
 * with instance VNICs, AD-scoped as on OCI). Every other VirtualNetworkClient operation answers 501.
 *
 * Limitations against OCI:
 * - resources are AVAILABLE at once and deletes are immediate (the record is gone; OCI shows
 *   TERMINATING/TERMINATED for a while); no DHCP options, NAT/service gateways, NSGs, IPv6, DRGs.
 * - a VCN's dependents (subnets, internet gateways, non-default route tables and security lists)
 *   and a subnet's live VNICs make delete answer 409 Conflict, as on OCI; default route tables
 *   and security lists go with their VCN.
 * - CIDRs must be /16../30 for VCNs and subnets; route rule destinations are checked only for
 *   syntax; security rules are stored as given (protocol and source/destination checked).
 * - public IPs come from 129.80.0.0/16; reserved IPs cannot be assigned to a private IP.
 * - private IPs are read-only: one primary per live VNIC (no secondary IPs, no VLANs, no IPv6).
 */
import type { Provider, ProviderContext } from '../../core/types.ts';
import { surfaceOf } from '../resource-kit/catalog.ts';
import { RetryTokens } from '../resource-kit/retry-tokens.ts';
import { creator, familyRoutes } from './crud.ts';
import { gatewayFamilies } from './gateways.ts';
import {
  SERVICE,
  networkTables,
  type InternetGatewayRecord,
  type RouteTableRecord,
  type SecurityListRecord,
  type SubnetRecord,
  type VcnRecord,
} from './tables.ts';
import { privateIpRoutes } from './privateips.ts';
import { vcnFamilies } from './vcns.ts';
import { vnicApi, vnicRoutes, type VnicApi } from './vnics.ts';

/** Create functions taking the same bodies as the Create* operations (the seed uses them). */
export interface NetworkCreators {
  createVcn(body: Record<string, unknown>): VcnRecord;
  createSubnet(body: Record<string, unknown>): SubnetRecord;
  createInternetGateway(body: Record<string, unknown>): InternetGatewayRecord;
  createRouteTable(body: Record<string, unknown>): RouteTableRecord;
  createSecurityList(body: Record<string, unknown>): SecurityListRecord;
  /** replace a route table's rules (UpdateRouteTable), e.g. a VCN's default one */
  setRouteRules(routeTableId: string, routeRules: unknown[]): RouteTableRecord;
}

export interface NetworkProvider extends Provider, VnicApi, NetworkCreators {}

export function networkProvider(ctx: ProviderContext): NetworkProvider {
  const t = networkTables(ctx);
  const tokens = new RetryTokens(ctx.store, SERVICE, ctx.now);
  const v = vcnFamilies(ctx, t, tokens);
  const g = gatewayFamilies(ctx, t, tokens);
  const routes = [
    ...familyRoutes(v.vcn),
    ...familyRoutes(v.subnet),
    ...familyRoutes(g.internetGateway),
    ...familyRoutes(g.routeTable),
    ...familyRoutes(g.securityList),
    ...vnicRoutes(ctx, t, tokens),
    ...privateIpRoutes(t),
  ];
  const creators: NetworkCreators = {
    createVcn: creator(v.vcn),
    createSubnet: creator(v.subnet),
    createInternetGateway: creator(g.internetGateway),
    createRouteTable: creator(g.routeTable),
    createSecurityList: creator(g.securityList),
    setRouteRules(id, rules) {
      const rt = t.routeTables.require(id, 'rtId');
      g.routeTable.update!(rt, { routeRules: rules });
      return t.routeTables.put(rt);
    },
  };
  return { name: SERVICE, routes, ...surfaceOf(['VirtualNetworkClient'], routes), ...vnicApi(ctx, t), ...creators };
}
