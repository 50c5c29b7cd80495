/**
 * The dashboard query through the gateway (in-process invoker → resources subschema → real
 * oci-sdk clients → emulator): compartment tree with paths and filters, every kind across a
 * subtree (paginated), health from lifecycle and LB backend health, and the cache.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiGatewayProvider } from '#local/emulator/services/apigateway/provider.ts';
import type { ContainerEngineProvider } from '#local/emulator/services/containerengine/provider.ts';
import type { DatabaseProvider } from '#local/emulator/services/database/provider.ts';
import type { LoadBalancerProvider } from '#local/emulator/services/loadbalancer/provider.ts';
import type { MysqlProvider } from '#local/emulator/services/mysql/provider.ts';
import { executeSubschemaRequest } from '#shared/graphql/index.ts';
import { createLogger } from '#shared/log.ts';
import { createGateway, type Gateway } from '../../functions/gateway/gateway.ts';
import { remoteExecutorsFromEnv } from '../../functions/gateway/executor.ts';
import { createInMemoryInvoker } from '../helpers/fakes/gateway-invoker.ts';
import { resourcesSchema } from '../../functions/resources/schema.ts';
import { uid } from '../helpers/emulator.ts';
import { startResourcesKit, type ResourcesKit } from './resources-kit.ts';

let kit: ResourcesKit;
let gateway: Gateway;
const ids: Record<string, string> = {};
const names = { top: uid('acme'), mid: uid('prod'), leaf: uid('web'), other: uid('dev') };

async function post(query: string, variables: Record<string, unknown>, roles = 'viewer') {
  const res = await gateway.fetch('http://fn/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      'x-user-id': 'dash',
      'x-user-roles': roles,
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

beforeAll(async () => {
  kit = await startResourcesKit({ RESOURCES_PAGE_LIMIT: '2' });
  ids.top = await kit.compartment(names.top);
  ids.mid = await kit.compartment(names.mid, ids.top);
  ids.leaf = await kit.compartment(names.leaf, ids.mid);
  ids.other = await kit.compartment(names.other, ids.top);
  const emu = kit.fx.emu;
  const db = emu.provider<DatabaseProvider>('database')!;
  const mysql = emu.provider<MysqlProvider>('mysql')!;
  const oke = emu.provider<ContainerEngineProvider>('containerengine')!;
  const apigw = emu.provider<ApiGatewayProvider>('apigateway')!;
  const lb = emu.provider<LoadBalancerProvider>('loadbalancer')!;
  for (const c of [ids.mid!, ids.leaf!]) {
    for (let i = 0; i < 5; i++)
      db.createAutonomousDatabase({ compartmentId: c, displayName: `adb-${i}`, dbName: `adb${i}` });
    for (let i = 0; i < 3; i++) mysql.createDbSystem({ compartmentId: c, displayName: `mysql-${i}` });
    for (let i = 0; i < 3; i++) {
      const cl = oke.createCluster({ compartmentId: c, name: `k8s-${i}` });
      oke.createNodePool({ compartmentId: c, name: `pool-${i}`, clusterId: cl.id, size: 2 });
    }
    for (let i = 0; i < 3; i++) {
      const g = apigw.createGateway({ compartmentId: c, displayName: `gw-${i}` });
      apigw.createDeployment({ compartmentId: c, gatewayId: g.id, pathPrefix: `/v${i}`, displayName: `dep-${i}` });
    }
  }
  lb.createLoadBalancer({
    compartmentId: ids.leaf!,
    displayName: 'lb-ok',
    backendSets: [{ name: 'web', backends: [{ ipAddress: '10.0.0.5', port: 80, health: 'OK' }] }],
  });
  lb.createLoadBalancer({
    compartmentId: ids.leaf!,
    displayName: 'lb-half',
    backendSets: [
      { name: 'web', backends: [{ ipAddress: '10.0.0.6', port: 80, health: 'OK' }] },
      { name: 'api', backends: [{ ipAddress: '10.0.0.7', port: 8080, health: 'CRITICAL' }] },
    ],
  });
  lb.createLoadBalancer({
    compartmentId: ids.leaf!,
    displayName: 'lb-down',
    backendSets: [{ name: 'web', backends: [{ ipAddress: '10.0.0.8', port: 80, health: 'CRITICAL' }] }],
  });

  const invoker = createInMemoryInvoker({
    handlers: {
      'ocid1.fnfunc.oc1.iad.resources': (body, call) =>
        executeSubschemaRequest({
          schema: resourcesSchema,
          body,
          call,
          createContext: (base) => kit.runtime.createContext(base),
        }),
    },
    log: createLogger({ level: 'error' }),
  });
  gateway = createGateway({
    executors: remoteExecutorsFromEnv({
      functions: ['resources'],
      invoker,
      env: { FN_ID_RESOURCES: 'ocid1.fnfunc.oc1.iad.resources' },
    }),
    logger: createLogger({ level: 'error' }),
  });
}, 60_000);
afterAll(async () => {
  await kit?.stop();
});

const DASHBOARD = `query($c: ID!, $fresh: Boolean) { resources(compartmentId: $c, includeSubtree: true, fresh: $fresh) {
  totalCount
  nodes { kind
    ... on Database { id engine displayName health { status } }
    ... on Cluster {
      displayName kubernetesVersion endpoints { kubernetes } nodePools { name size lifecycleState } health { status }
    }
    ... on ApiGateway { displayName endpointType hostname deployments { pathPrefix endpoint } }
    ... on LoadBalancer {
      displayName shape ipAddresses backendSets { name health { status } } health { status reason }
    }
  }
  healthSummary { status count }
} }`;

/** The nodes of a resources connection grouped by kind, as the former per-kind lists. */
const byKind = (
  nodes: { kind: string }[],
): { databases: any[]; clusters: any[]; apiGateways: any[]; loadBalancers: any[] } => ({
  databases: nodes.filter((n) => n.kind === 'DATABASE'),
  clusters: nodes.filter((n) => n.kind === 'CLUSTER'),
  apiGateways: nodes.filter((n) => n.kind === 'API_GATEWAY'),
  loadBalancers: nodes.filter((n) => n.kind === 'LOAD_BALANCER'),
});

describe('resources: dashboard inventory through the gateway', () => {
  it('answers the compartment tree with readable paths, subtree and name filters', async () => {
    const all = await post(`query($r: ID) { compartments(rootId: $r) { nodes { id name parentId path depth } } }`, {
      r: ids.top,
    });
    expect(all.errors).toBeUndefined();
    const byName = Object.fromEntries(all.data.compartments.nodes.map((c: { name: string }) => [c.name, c]));
    expect(Object.keys(byName).sort()).toEqual(Object.values(names).sort());
    expect(byName[names.leaf].path).toMatch(new RegExp(`/${names.top}/${names.mid}/${names.leaf}$`));
    expect(byName[names.leaf].parentId).toBe(ids.mid);
    const direct = await post(`query($r: ID) { compartments(rootId: $r, includeSubtree: false) { nodes { name } } }`, {
      r: ids.top,
    });
    expect(direct.data.compartments.nodes.map((c: { name: string }) => c.name).sort()).toEqual(
      [names.top, names.mid, names.other].sort(),
    );
    const filtered = await post(`query($n: String) { compartments(name: $n) { nodes { name } } }`, {
      n: names.leaf.toUpperCase(),
    });
    expect(filtered.data.compartments.nodes.map((c: { name: string }) => c.name)).toEqual([names.leaf]);
    const bad = await post(`{ compartments(rootId: "ocid1.instance.oc1.iad.aaaaaaaaabc") { totalCount } }`, {});
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await post(
      `{ compartments(rootId: "ocid1.compartment.oc1..aaaaaaaaunknownunknown") { totalCount } }`,
      {},
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('returns every kind across the subtree, fully paginated, with health', async () => {
    const before = kit.seq();
    const r = await post(DASHBOARD, { c: ids.top, fresh: true });
    expect(r.errors).toBeUndefined();
    const set = byKind(r.data.resources.nodes);
    expect(r.data.resources.totalCount).toBe(r.data.resources.nodes.length);
    expect(set.databases.filter((d: { engine: string }) => d.engine === 'AUTONOMOUS')).toHaveLength(10);
    expect(set.databases.filter((d: { engine: string }) => d.engine === 'MYSQL')).toHaveLength(6);
    expect(set.clusters).toHaveLength(6);
    expect(set.clusters[0].nodePools).toHaveLength(1);
    expect(set.clusters[0].kubernetesVersion).toMatch(/^v1\./);
    expect(set.apiGateways).toHaveLength(6);
    expect(set.apiGateways[0].deployments).toHaveLength(1);
    const lbs: Record<string, any> = Object.fromEntries(
      set.loadBalancers.map((l: { displayName: string }) => [l.displayName, l]),
    );
    expect(lbs['lb-ok'].health.status).toBe('HEALTHY');
    expect(lbs['lb-half'].health).toMatchObject({ status: 'DEGRADED' });
    expect(lbs['lb-half'].health.reason).toMatch(/api CRITICAL/);
    expect(lbs['lb-down'].health.status).toBe('DOWN');
    const calls = kit.callsSince(before);
    // 5 ADBs per compartment at 2 per page: 3 pages in each of the two compartments that hold them
    expect(calls.filter((c) => c.operation === 'ListAutonomousDatabases')).toHaveLength(3 + 3 + 1 + 1);
    // LB health: one ListLoadBalancerHealths where load balancers are, one GetLoadBalancerHealth for the
    // multi-set one that is not OK, and no per-backend-set call (the query does not ask for backends)
    expect(calls.filter((c) => c.operation === 'ListLoadBalancerHealths')).toHaveLength(2); // 3 LBs at 2 per page
    expect(calls.filter((c) => c.operation === 'GetLoadBalancerHealth')).toHaveLength(1);
    expect(calls.filter((c) => c.operation === 'GetBackendSetHealth')).toHaveLength(0);
  });

  it('fetches per-backend health only when asked, and only for sets that are not OK', async () => {
    const before = kit.seq();
    const r = await post(
      `query($c: ID!) { resources(compartmentId: $c, kinds: [LOAD_BALANCER], fresh: true) {
      nodes { ... on LoadBalancer { displayName backendSets {
        name health { status totalBackendCount criticalBackends warningBackends unknownBackends }
      } } } } }`,
      { c: ids.leaf },
    );
    expect(r.errors).toBeUndefined();
    const lbs = Object.fromEntries(r.data.resources.nodes.map((l: { displayName: string }) => [l.displayName, l]));
    const set = (lb: string, name: string) => lbs[lb].backendSets.find((b: { name: string }) => b.name === name).health;
    expect(set('lb-ok', 'web')).toEqual({
      status: 'OK',
      totalBackendCount: 1,
      criticalBackends: [],
      warningBackends: [],
      unknownBackends: [],
    });
    expect(set('lb-half', 'web')).toMatchObject({ status: 'OK', criticalBackends: [] });
    expect(set('lb-half', 'api')).toEqual({
      status: 'CRITICAL',
      totalBackendCount: 1,
      criticalBackends: ['10.0.0.7:8080'],
      warningBackends: [],
      unknownBackends: [],
    });
    expect(set('lb-down', 'web')).toMatchObject({ status: 'CRITICAL', criticalBackends: ['10.0.0.8:80'] });
    const detail = kit.callsSince(before).filter((c) => c.operation === 'GetBackendSetHealth');
    expect(detail).toHaveLength(2); // lb-half/api and lb-down/web, once each although three fields ask
  });

  it('serves the repeat from the cache with no OCI call, and fresh: true bypasses it', async () => {
    const before = kit.seq();
    const r = await post(DASHBOARD, { c: ids.top });
    expect(r.errors).toBeUndefined();
    expect(byKind(r.data.resources.nodes).loadBalancers).toHaveLength(3);
    expect(kit.callsSince(before)).toEqual([]);
    const fresh = kit.seq();
    await post(DASHBOARD, { c: ids.top, fresh: true });
    expect(kit.callsSince(fresh).length).toBeGreaterThan(20);
  });

  it('pages resources and compartments as Relay connections (edges, cursors, one PageInfo)', async () => {
    const whole = await post(
      `query($c: ID!) { resources(compartmentId: $c, includeSubtree: true) { totalCount nodes { id } } }`,
      { c: ids.top },
    );
    if (!whole.data) throw new Error(JSON.stringify(whole.errors));
    const ids_ = whole.data.resources.nodes.map((n: { id: string }) => n.id);
    const PAGE = `query($c: ID!, $a: String) { resources(compartmentId: $c, includeSubtree: true, first: 7, after: $a) {
      totalCount edges { cursor node { id } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor } healthSummary { count } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 20; i++) {
      const page: any = (await post(PAGE, { c: ids.top, a: after })).data.resources;
      expect(page.totalCount).toBe(ids_.length);
      // the summary covers the whole list, not the page
      expect(page.healthSummary.reduce((n: number, h: { count: number }) => n + h.count, 0)).toBe(ids_.length);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      seen.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(ids_);
    const first = await post(
      `query($r: ID) { compartments(rootId: $r, first: 1) { totalCount edges { cursor node { name } } pageInfo { ` +
        `hasNextPage } } }`,
      { r: ids.top },
    );
    expect(first.data.compartments).toMatchObject({
      totalCount: 4,
      edges: [{ node: { name: names.top } }],
      pageInfo: { hasNextPage: true },
    });
    const rest = await post(
      `query($r: ID, $a: String) { compartments(rootId: $r, after: $a) { nodes { name } pageInfo { hasNextPage } } }`,
      { r: ids.top, a: first.data.compartments.edges[0].cursor },
    );
    expect(rest.data.compartments.nodes).toHaveLength(3);
    expect(rest.data.compartments.pageInfo.hasNextPage).toBe(false);
    for (const bad of ['not a cursor!', Buffer.from('ocid1.compartment.oc1..gone').toString('base64url')]) {
      const r = await post(`query($a: String) { compartments(after: $a) { totalCount } }`, { a: bad });
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect((await post(`{ compartments(first: 0) { totalCount } }`, {})).errors?.[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('refuses mutations to viewers at the gateway too', async () => {
    const r = await post(
      `mutation { terminateInstance(id: "ocid1.instance.oc1.iad.aaaaaaaaabcdef") { id } }`,
      {},
      'viewer',
    );
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
