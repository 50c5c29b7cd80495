/**
 * The per-compartment lists of the other services, fully paginated and enriched with one
 * compartment-wide list per child kind (node pools, deployments) rather than one call per parent:
 * Database (autonomous), MySQL, Container Engine, API Gateway, Load Balancer (+ backend set health
 * from one ListLoadBalancerHealths per compartment; per-backend detail only on demand).
 */
import { DeploymentClient, GatewayClient } from 'oci-apigateway';
import { ContainerEngineClient } from 'oci-containerengine';
import { DatabaseClient } from 'oci-database';
import { LoadBalancerClient, type models as lb } from 'oci-loadbalancer';
import { DbSystemClient } from 'oci-mysql';
import { isAppError } from '#shared/errors.ts';
import { createOciClient } from '#shared/oci/index.ts';
import { iso, tagsOf, type OciCalls } from './calls.ts';
import type {
  ApiGatewayView,
  BackendSetHealthView,
  BackendSetView,
  ClusterView,
  DatabaseView,
  InventoryPort,
  ListKind,
  ListKindValue,
  LoadBalancerView,
} from './ports.ts';

type Lists = { [K in Exclude<ListKind, 'instances'>]: (compartmentId: string) => Promise<ListKindValue[K][]> } & {
  /** compartment of an autonomous database, MySQL DB system or load balancer */
  compartmentOf(kind: 'autonomousdatabase' | 'mysqldbsystem' | 'loadbalancer', id: string): Promise<string>;
} & Pick<InventoryPort, 'backendSetHealth'>;

const pageArgs = (page: string | undefined, limit: number) => ({ limit, ...(page ? { page } : {}) });

export function createServiceLists(calls: OciCalls): Lists {
  const db = createOciClient(DatabaseClient, { service: 'DATABASE' });
  const mysql = createOciClient(DbSystemClient, { service: 'MYSQL' });
  const oke = createOciClient(ContainerEngineClient, { service: 'CONTAINERENGINE' });
  const gateways = createOciClient(GatewayClient, { service: 'APIGATEWAY' });
  const deployments = createOciClient(DeploymentClient, { service: 'APIGATEWAY' });
  const lbs = createOciClient(LoadBalancerClient, { service: 'LOADBALANCER' });

  /** status per load balancer id: one paginated ListLoadBalancerHealths for the compartment */
  async function healthSummaries(compartmentId: string): Promise<Map<string, string>> {
    const items = await calls.allPages('loadbalancer', (p, n) =>
      lbs.listLoadBalancerHealths({ compartmentId, ...pageArgs(p, n) }),
    );
    return new Map(items.map((h) => [h.loadBalancerId, String(h.status)]));
  }

  /**
   * Backend set health from the load balancer's status: OK means every set is OK, and a load
   * balancer with one set has that set's status (OCI's roll-up rules); otherwise (several sets,
   * not OK, or no summary yet) one GetLoadBalancerHealth names the sets by status.
   */
  async function backendSets(l: lb.LoadBalancer, summary: string | undefined): Promise<BackendSetView[]> {
    const sets = Object.values(l.backendSets ?? {});
    let statusOf: ((name: string) => string) | undefined;
    if (l.lifecycleState === 'ACTIVE' && sets.length) {
      if (summary === 'OK' || (summary && sets.length === 1)) statusOf = () => summary;
      else {
        try {
          const h = (await calls.one('loadbalancer', () => lbs.getLoadBalancerHealth({ loadBalancerId: l.id })))
            .loadBalancerHealth;
          const named = new Map<string, string>();
          for (const [st, names] of [
            ['CRITICAL', h.criticalStateBackendSetNames],
            ['WARNING', h.warningStateBackendSetNames],
            ['UNKNOWN', h.unknownStateBackendSetNames],
          ] as const) {
            for (const n of names ?? []) named.set(n, st);
          }
          statusOf = (name) => named.get(name) ?? 'OK';
        } catch (e: unknown) {
          if (!(isAppError(e) && e.code === 'NOT_FOUND')) throw e;
        }
      }
    }
    return sets.map((s): BackendSetView => {
      const status = statusOf?.(s.name);
      const backends = (s.backends ?? []).map((b) => ({ name: b.name, ipAddress: b.ipAddress, port: b.port }));
      const health: BackendSetHealthView | null =
        status === undefined
          ? null
          : {
              status,
              totalBackendCount: backends.length,
              loadBalancerId: l.id,
              backendSetName: s.name,
              ...(status === 'OK' ? { criticalBackends: [], warningBackends: [], unknownBackends: [] } : {}),
            };
      return { name: s.name, policy: s.policy ?? null, backends, health };
    });
  }

  return {
    async compartmentOf(kind, id) {
      if (kind === 'autonomousdatabase')
        return (await calls.one('database', () => db.getAutonomousDatabase({ autonomousDatabaseId: id })))
          .autonomousDatabase.compartmentId;
      if (kind === 'mysqldbsystem')
        return (await calls.one('mysql', () => mysql.getDbSystem({ dbSystemId: id }))).dbSystem.compartmentId;
      return (await calls.one('loadbalancer', () => lbs.getLoadBalancer({ loadBalancerId: id }))).loadBalancer
        .compartmentId;
    },
    async autonomousDatabases(compartmentId) {
      const items = await calls.allPages('database', (p, n) =>
        db.listAutonomousDatabases({ compartmentId, ...pageArgs(p, n) }),
      );
      return items.map(
        (a): DatabaseView => ({
          kind: 'DATABASE',
          databaseKind: 'AUTONOMOUS',
          id: a.id,
          displayName: a.displayName ?? a.dbName,
          compartmentId: a.compartmentId,
          lifecycleState: String(a.lifecycleState),
          timeCreated: iso(a.timeCreated),
          freeformTags: tagsOf(a.freeformTags),
          version: a.dbVersion ?? null,
          cpuCount: a.computeCount ?? a.cpuCoreCount ?? null,
          storageInGBs:
            a.dataStorageSizeInGBs ?? (a.dataStorageSizeInTBs !== undefined ? a.dataStorageSizeInTBs * 1024 : null),
          endpoints: [a.privateEndpoint, a.connectionUrls?.sqlDevWebUrl].filter((x): x is string => !!x),
          workload: a.dbWorkload ? String(a.dbWorkload) : null,
        }),
      );
    },
    async mysqlDbSystems(compartmentId) {
      const items = await calls.allPages('mysql', (p, n) => mysql.listDbSystems({ compartmentId, ...pageArgs(p, n) }));
      return items.map(
        (m): DatabaseView => ({
          kind: 'DATABASE',
          databaseKind: 'MYSQL',
          id: m.id,
          displayName: m.displayName,
          compartmentId: m.compartmentId ?? compartmentId,
          lifecycleState: String(m.lifecycleState),
          timeCreated: iso(m.timeCreated),
          freeformTags: tagsOf(m.freeformTags),
          version: m.mysqlVersion ?? null,
          cpuCount: null,
          storageInGBs: null,
          endpoints: (m.endpoints ?? []).map((e) => `${e.hostname ?? e.ipAddress}:${e.port}`),
          workload: m.shapeName ?? null,
        }),
      );
    },
    async clusters(compartmentId) {
      const [clusters, pools] = await Promise.all([
        calls.allPages('containerengine', (p, n) => oke.listClusters({ compartmentId, ...pageArgs(p, n) })),
        calls.allPages('containerengine', (p, n) => oke.listNodePools({ compartmentId, ...pageArgs(p, n) })),
      ]);
      return clusters.map(
        (c): ClusterView => ({
          kind: 'CLUSTER',
          id: c.id!,
          displayName: c.name ?? c.id!,
          compartmentId: c.compartmentId ?? compartmentId,
          lifecycleState: String(c.lifecycleState),
          timeCreated: iso(c.metadata?.timeCreated),
          freeformTags: tagsOf(c.freeformTags),
          kubernetesVersion: c.kubernetesVersion ?? null,
          endpoints: {
            kubernetes: c.endpoints?.kubernetes ?? null,
            publicEndpoint: c.endpoints?.publicEndpoint ?? null,
            privateEndpoint: c.endpoints?.privateEndpoint ?? null,
          },
          nodePools: pools
            .filter((p) => p.clusterId === c.id && p.lifecycleState !== 'DELETED')
            .map((p) => ({
              id: p.id!,
              name: p.name ?? p.id!,
              kubernetesVersion: p.kubernetesVersion ?? null,
              nodeShape: p.nodeShape ?? null,
              size: p.nodeConfigDetails?.size ?? p.quantityPerSubnet ?? null,
              lifecycleState: String(p.lifecycleState),
            })),
        }),
      );
    },
    async apiGateways(compartmentId) {
      const [gws, deps] = await Promise.all([
        calls.allPages('apigateway', async (p, n) => {
          const r = await gateways.listGateways({ compartmentId, ...pageArgs(p, n) });
          return { items: r.gatewayCollection.items, opcNextPage: r.opcNextPage };
        }),
        calls.allPages('apigateway', async (p, n) => {
          const r = await deployments.listDeployments({ compartmentId, ...pageArgs(p, n) });
          return { items: r.deploymentCollection.items, opcNextPage: r.opcNextPage };
        }),
      ]);
      return gws.map(
        (g): ApiGatewayView => ({
          kind: 'API_GATEWAY',
          id: g.id,
          displayName: g.displayName ?? g.id,
          compartmentId: g.compartmentId,
          lifecycleState: String(g.lifecycleState),
          timeCreated: iso(g.timeCreated),
          freeformTags: tagsOf(g.freeformTags),
          endpointType: g.endpointType,
          hostname: g.hostname ?? null,
          deployments: deps
            .filter((d) => d.gatewayId === g.id && d.lifecycleState !== 'DELETED')
            .map((d) => ({
              id: d.id,
              displayName: d.displayName ?? d.id,
              pathPrefix: d.pathPrefix,
              endpoint: d.endpoint,
              lifecycleState: String(d.lifecycleState),
            })),
        }),
      );
    },
    async loadBalancers(compartmentId) {
      // the health list starts with the first page that holds an active load balancer (none: no call)
      let summaries: Promise<Map<string, string>> | undefined;
      const items = await calls.allPages('loadbalancer', async (p, n) => {
        const r = await lbs.listLoadBalancers({ compartmentId, ...pageArgs(p, n) });
        if (!summaries && r.items.some((l) => l.lifecycleState === 'ACTIVE')) {
          summaries = healthSummaries(compartmentId);
          summaries.catch(() => {}); // awaited below; this only keeps an early failure from being unhandled
        }
        return r;
      });
      const byId = summaries ? await summaries : new Map<string, string>();
      return Promise.all(
        items.map(
          async (l): Promise<LoadBalancerView> => ({
            kind: 'LOAD_BALANCER',
            id: l.id,
            displayName: l.displayName,
            compartmentId: l.compartmentId,
            lifecycleState: String(l.lifecycleState),
            timeCreated: iso(l.timeCreated),
            freeformTags: tagsOf(l.freeformTags),
            shape: l.shapeName,
            isPrivate: l.isPrivate ?? false,
            ipAddresses: (l.ipAddresses ?? []).map((a) => a.ipAddress),
            backendSets: await backendSets(l, byId.get(l.id)),
          }),
        ),
      );
    },
    async backendSetHealth(loadBalancerId, backendSetName) {
      try {
        const h = (await calls.one('loadbalancer', () => lbs.getBackendSetHealth({ loadBalancerId, backendSetName })))
          .backendSetHealth;
        return {
          status: String(h.status),
          totalBackendCount: h.totalBackendCount,
          criticalBackends: h.criticalStateBackendNames ?? [],
          warningBackends: h.warningStateBackendNames ?? [],
          unknownBackends: h.unknownStateBackendNames ?? [],
        };
      } catch (e: unknown) {
        if (isAppError(e) && e.code === 'NOT_FOUND') return null;
        throw e;
      }
    },
  };
}
