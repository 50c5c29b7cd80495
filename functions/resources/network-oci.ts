/** {@link NetworkPort} over VirtualNetworkClient (lookups by displayName, creates with retry tokens). */
import type { models as core } from 'oci-core';
import { isAppError } from '#shared/errors.ts';
import { envOptional } from '#shared/config.ts';
import type { OciCalls } from './calls.ts';
import { networkClient } from './inventory-oci.ts';
import type { NetRecord, NetworkPort, SecurityRuleSpec } from './ports.ts';
import { tagsOf } from './calls.ts';

type Findable = 'subnet' | 'internetGateway' | 'routeTable' | 'securityList';
const LIVE = (s: unknown) => s !== 'TERMINATED' && s !== 'TERMINATING';
const rec = (r: { id: string; displayName?: string; vcnId?: string; freeformTags?: unknown }): NetRecord => ({
  id: r.id,
  displayName: r.displayName ?? r.id,
  ...(r.vcnId ? { vcnId: r.vcnId } : {}),
  freeformTags: tagsOf(r.freeformTags),
});

const toIngress = (rules: SecurityRuleSpec[]): core.IngressSecurityRule[] =>
  rules.map((r) => ({
    protocol: r.protocol,
    source: r.source,
    sourceType: 'CIDR_BLOCK' as never,
    isStateless: false,
    tcpOptions: { destinationPortRange: { min: r.tcpMin, max: r.tcpMax } },
  }));

export function createOciNetwork(calls: OciCalls, options: { region?: string } = {}): NetworkPort {
  const vn = networkClient();
  const one = <T>(op: () => Promise<T>) => calls.one('network', op);
  const first = <T extends { lifecycleState?: unknown }>(items: T[]) => items.find((i) => LIVE(i.lifecycleState));

  const finders: Record<
    Findable,
    (a: { compartmentId: string; vcnId: string; displayName: string }) => Promise<NetRecord | undefined>
  > = {
    subnet: async (a) => {
      const x = first(
        await calls.allPages('network', (page, limit) => vn.listSubnets({ ...a, limit, ...(page ? { page } : {}) })),
      );
      return x && rec(x);
    },
    internetGateway: async (a) => {
      const x = first(
        await calls.allPages('network', (page, limit) =>
          vn.listInternetGateways({ ...a, limit, ...(page ? { page } : {}) }),
        ),
      );
      return x && rec(x);
    },
    routeTable: async (a) => {
      const x = first(
        await calls.allPages('network', (page, limit) =>
          vn.listRouteTables({ ...a, limit, ...(page ? { page } : {}) }),
        ),
      );
      return x && rec(x);
    },
    securityList: async (a) => {
      const x = first(
        await calls.allPages('network', (page, limit) =>
          vn.listSecurityLists({ ...a, limit, ...(page ? { page } : {}) }),
        ),
      );
      return x && rec(x);
    },
  };
  const deleters: Record<Parameters<NetworkPort['delete']>[0], (id: string) => Promise<unknown>> = {
    vcn: (id) => vn.deleteVcn({ vcnId: id }),
    subnet: (id) => vn.deleteSubnet({ subnetId: id }),
    internetGateway: (id) => vn.deleteInternetGateway({ igId: id }),
    routeTable: (id) => vn.deleteRouteTable({ rtId: id }),
    securityList: (id) => vn.deleteSecurityList({ securityListId: id }),
  };

  return {
    region: () =>
      options.region ?? envOptional('OCI_REGION') ?? envOptional('OCI_RESOURCE_PRINCIPAL_REGION') ?? 'us-ashburn-1',
    async findVcn(compartmentId, displayName) {
      const x = first(
        await calls.allPages('network', (page, limit) =>
          vn.listVcns({ compartmentId, displayName, limit, ...(page ? { page } : {}) }),
        ),
      );
      return x && rec(x);
    },
    async createVcn(a) {
      const v = (
        await one(() =>
          vn.createVcn({
            createVcnDetails: {
              compartmentId: a.compartmentId,
              displayName: a.displayName,
              cidrBlocks: [a.cidrBlock],
              dnsLabel: a.dnsLabel,
              freeformTags: a.tags,
            },
            opcRetryToken: a.retryToken,
          }),
        )
      ).vcn;
      return {
        ...rec(v),
        defaultRouteTableId: v.defaultRouteTableId ?? '',
        defaultSecurityListId: v.defaultSecurityListId ?? '',
      };
    },
    find: (kind, a) => finders[kind](a),
    async createInternetGateway(a) {
      return rec(
        (
          await one(() =>
            vn.createInternetGateway({
              createInternetGatewayDetails: {
                compartmentId: a.compartmentId,
                vcnId: a.vcnId,
                displayName: a.displayName,
                isEnabled: true,
                freeformTags: a.tags,
              },
              opcRetryToken: a.retryToken,
            }),
          )
        ).internetGateway,
      );
    },
    async createRouteTable(a) {
      return rec(
        (
          await one(() =>
            vn.createRouteTable({
              createRouteTableDetails: {
                compartmentId: a.compartmentId,
                vcnId: a.vcnId,
                displayName: a.displayName,
                freeformTags: a.tags,
                routeRules: [
                  { destination: '0.0.0.0/0', destinationType: 'CIDR_BLOCK' as never, networkEntityId: a.igwId },
                ],
              },
              opcRetryToken: a.retryToken,
            }),
          )
        ).routeTable,
      );
    },
    async createSecurityList(a) {
      return rec(
        (
          await one(() =>
            vn.createSecurityList({
              createSecurityListDetails: {
                compartmentId: a.compartmentId,
                vcnId: a.vcnId,
                displayName: a.displayName,
                freeformTags: a.tags,
                ingressSecurityRules: toIngress(a.ingress),
                egressSecurityRules: [
                  {
                    protocol: 'all',
                    destination: '0.0.0.0/0',
                    destinationType: 'CIDR_BLOCK' as never,
                    isStateless: false,
                  },
                ],
              },
              opcRetryToken: a.retryToken,
            }),
          )
        ).securityList,
      );
    },
    async getSecurityListIngress(securityListId) {
      const sl = (await one(() => vn.getSecurityList({ securityListId }))).securityList;
      return (sl.ingressSecurityRules ?? [])
        .filter((r) => r.protocol === '6' && r.tcpOptions?.destinationPortRange)
        .map((r) => ({
          protocol: '6' as const,
          source: r.source,
          tcpMin: r.tcpOptions!.destinationPortRange!.min,
          tcpMax: r.tcpOptions!.destinationPortRange!.max,
        }));
    },
    async updateSecurityList(securityListId, ingress) {
      const sl = (await one(() => vn.getSecurityList({ securityListId }))).securityList;
      const others = (sl.ingressSecurityRules ?? []).filter(
        (r) => !(r.protocol === '6' && r.tcpOptions?.destinationPortRange),
      );
      await one(() =>
        vn.updateSecurityList({
          securityListId,
          updateSecurityListDetails: { ingressSecurityRules: [...others, ...toIngress(ingress)] },
        }),
      );
    },
    async createSubnet(a) {
      return rec(
        (
          await one(() =>
            vn.createSubnet({
              createSubnetDetails: {
                compartmentId: a.compartmentId,
                vcnId: a.vcnId,
                displayName: a.displayName,
                cidrBlock: a.cidrBlock,
                dnsLabel: a.dnsLabel,
                routeTableId: a.routeTableId,
                securityListIds: a.securityListIds,
                prohibitPublicIpOnVnic: false,
                freeformTags: a.tags,
              },
              opcRetryToken: a.retryToken,
            }),
          )
        ).subnet,
      );
    },
    async getSubnet(subnetId) {
      try {
        const s = (await one(() => vn.getSubnet({ subnetId }))).subnet;
        return { ...rec(s), vcnId: s.vcnId };
      } catch (e: unknown) {
        if (isAppError(e) && e.code === 'NOT_FOUND') return undefined;
        throw e;
      }
    },
    async delete(kind, id) {
      try {
        await one(() => deleters[kind](id));
      } catch (e: unknown) {
        if (isAppError(e) && e.code === 'NOT_FOUND') return;
        throw e;
      }
    },
  };
}
