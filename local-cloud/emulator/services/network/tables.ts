/** The Virtual Network records and their tables. */
import type { ProviderContext } from '../../core/types.ts';
import { ResourceTable, type ResourceRecord } from '../resource-kit/table.ts';

export const SERVICE = 'network';

export interface VcnRecord extends ResourceRecord {
  displayName: string;
  cidrBlock: string;
  cidrBlocks: string[];
  dnsLabel?: string;
  vcnDomainName?: string;
  defaultRouteTableId: string;
  defaultSecurityListId: string;
  defaultDhcpOptionsId: string;
}
export interface SubnetRecord extends ResourceRecord {
  displayName: string;
  vcnId: string;
  cidrBlock: string;
  availabilityDomain?: string;
  dnsLabel?: string;
  subnetDomainName?: string;
  prohibitPublicIpOnVnic: boolean;
  prohibitInternetIngress: boolean;
  routeTableId: string;
  securityListIds: string[];
  dhcpOptionsId: string;
  virtualRouterIp: string;
  virtualRouterMac: string;
}
export interface InternetGatewayRecord extends ResourceRecord {
  displayName: string;
  vcnId: string;
  isEnabled: boolean;
}
export interface RouteRule {
  destination: string;
  destinationType: string;
  networkEntityId: string;
  description?: string;
  cidrBlock?: string;
}
export interface RouteTableRecord extends ResourceRecord {
  displayName: string;
  vcnId: string;
  routeRules: RouteRule[];
  _default?: boolean;
}
export interface SecurityListRecord extends ResourceRecord {
  displayName: string;
  vcnId: string;
  ingressSecurityRules: Record<string, unknown>[];
  egressSecurityRules: Record<string, unknown>[];
  _default?: boolean;
}
export interface VnicRecord extends ResourceRecord {
  displayName: string;
  availabilityDomain: string;
  subnetId: string;
  privateIp: string;
  publicIp?: string;
  hostnameLabel?: string;
  isPrimary: boolean;
  macAddress: string;
  skipSourceDestCheck: boolean;
  nsgIds: string[];
  _instanceId?: string;
  /** OCID of the VNIC's primary private IP (records made before it existed derive one: see privateips.ts) */
  _privateIpId?: string;
}
export interface PublicIpRecord extends ResourceRecord {
  displayName: string;
  ipAddress: string;
  lifetime: 'EPHEMERAL' | 'RESERVED';
  scope: 'REGION' | 'AVAILABILITY_DOMAIN';
  availabilityDomain?: string;
  assignedEntityId?: string;
  assignedEntityType?: 'PRIVATE_IP' | 'NAT_GATEWAY';
  privateIpId?: string;
}

export function networkTables(ctx: ProviderContext) {
  return {
    vcns: new ResourceTable<VcnRecord>(ctx, SERVICE, 'vcns', 'vcn'),
    subnets: new ResourceTable<SubnetRecord>(ctx, SERVICE, 'subnets', 'subnet'),
    internetGateways: new ResourceTable<InternetGatewayRecord>(ctx, SERVICE, 'internetGateways', 'internetGateway'),
    routeTables: new ResourceTable<RouteTableRecord>(ctx, SERVICE, 'routeTables', 'routeTable'),
    securityLists: new ResourceTable<SecurityListRecord>(ctx, SERVICE, 'securityLists', 'securityList'),
    vnics: new ResourceTable<VnicRecord>(ctx, SERVICE, 'vnics', 'vnic'),
    publicIps: new ResourceTable<PublicIpRecord>(ctx, SERVICE, 'publicIps', 'publicIp'),
  };
}
export type NetworkTables = ReturnType<typeof networkTables>;

/** Live = not on its way out. */
export const live = (r: { lifecycleState: string }): boolean =>
  !['TERMINATING', 'TERMINATED', 'DETACHING', 'DETACHED'].includes(r.lifecycleState);
