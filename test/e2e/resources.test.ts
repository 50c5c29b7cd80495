/**
 * The resources function end to end: dev token → API Gateway front → gateway function → resources
 * function (built bundle, own process) → emulator seeded with the demo tenancy (the stack's
 * default). Compartment tree, the dashboard query with health, one instance, an operator's STOP
 * with waitForState, a viewer refused, and no token refused. One stack for the file.
 *
 * Instance transitions are made short with EMULATOR_TRANSITION_MS, which the emulator reads when
 * its providers start: set just around startStackFixture and restored at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStackFixture, type StackFixture } from '../helpers/stack.ts';

let fx: StackFixture;
const ids: Record<string, string> = {};

interface Node {
  id: string;
  name: string;
  path: string;
  depth: number;
  parentId: string | null;
}
interface Inst {
  id: string;
  displayName: string;
  lifecycleState: string;
  privateIps: string[];
  publicIps: string[];
  health: { status: string; reason: string };
}

beforeAll(async () => {
  const saved = process.env.EMULATOR_TRANSITION_MS;
  process.env.EMULATOR_TRANSITION_MS = '200';
  try {
    fx = await startStackFixture({ require: ['gateway', 'resources'] });
  } finally {
    if (saved === undefined) delete process.env.EMULATOR_TRANSITION_MS;
    else process.env.EMULATOR_TRANSITION_MS = saved;
  }
}, 120_000);
afterAll(async () => {
  await fx?.stop();
});

const as = (roles: ('viewer' | 'operator' | 'admin')[]) => fx.token({ roles });

describe('resources through the local API gateway (seeded demo tenancy)', () => {
  it('answers the compartment tree, at least three levels deep, with readable paths', async () => {
    const r = await fx.graphql<{ compartments: { nodes: Node[] } }>(
      `{ compartments { nodes { id name path depth parentId } } }`,
      { token: await as(['viewer']) },
    );
    expect(r.status).toBe(200);
    expect(r.body.errors).toBeUndefined();
    const byName = new Map(r.body.data!.compartments.nodes.map((c) => [c.name, c]));
    for (const n of ['demo', 'prod', 'prod-web', 'prod-web-canary', 'platform', 'observability'])
      expect(byName.has(n), n).toBe(true);
    const demo = byName.get('demo')!,
      prod = byName.get('prod')!,
      web = byName.get('prod-web')!,
      canary = byName.get('prod-web-canary')!;
    expect(canary.path).toBe(`${demo.path}/prod/prod-web/prod-web-canary`);
    expect(canary.depth - demo.depth).toBe(3);
    expect([prod.parentId, web.parentId, canary.parentId]).toEqual([demo.id, prod.id, web.id]);
    ids.demo = demo.id;
  });

  it('returns every kind under demo with health in one dashboard query', async () => {
    const q = `query($c: ID!) { resources(compartmentId: $c, includeSubtree: true) {
      nodes { kind
        ... on Instance { id displayName lifecycleState privateIps publicIps health { status reason } }
        ... on Database { displayName engine health { status } }
        ... on Cluster { displayName nodePools { name size } health { status } }
        ... on ApiGateway { displayName deployments { pathPrefix } health { status } }
        ... on LoadBalancer { displayName backendSets { name health { status } } health { status reason } }
      }
      healthSummary { status count }
    } }`;
    const r = await fx.graphql<{
      resources: { nodes: { kind: string }[]; healthSummary: { status: string; count: number }[] };
    }>(q, { token: await as(['viewer']), variables: { c: ids.demo } });
    expect(r.body.errors).toBeUndefined();
    const { nodes, healthSummary } = r.body.data!.resources;
    const of = (kind: string) => nodes.filter((n) => n.kind === kind) as any[];
    const set: Record<string, any[]> = {
      instances: of('INSTANCE'),
      databases: of('DATABASE'),
      clusters: of('CLUSTER'),
      apiGateways: of('API_GATEWAY'),
      loadBalancers: of('LOAD_BALANCER'),
      healthSummary,
    };
    for (const k of ['instances', 'databases', 'clusters', 'apiGateways', 'loadBalancers']) {
      expect(set[k]!.length, k).toBeGreaterThan(0);
      for (const x of set[k]!) expect(['HEALTHY', 'DEGRADED', 'DOWN', 'UNKNOWN']).toContain(x.health.status);
    }
    expect(new Set(set.databases!.map((d) => d.engine))).toEqual(new Set(['AUTONOMOUS', 'MYSQL']));
    const inst = new Map((set.instances as Inst[]).map((i) => [i.displayName, i]));
    expect(inst.get('web-3')).toMatchObject({ lifecycleState: 'STOPPED', health: { status: 'DOWN' } });
    const web1 = inst.get('web-1')!;
    expect(web1.lifecycleState).toBe('RUNNING');
    expect(web1.privateIps).toEqual([expect.stringMatching(/^10\.20\.1\.\d+$/)]);
    expect(web1.publicIps).toHaveLength(1);
    const lbs = new Map(set.loadBalancers!.map((l) => [l.displayName, l]));
    // edge-lb: web OK, api WARNING (one backend of three down), legacy CRITICAL (all down)
    expect(lbs.get('edge-lb').health.status).toBe('DEGRADED');
    expect(lbs.get('edge-lb').health.reason).toMatch(/legacy CRITICAL/);
    expect(
      Object.fromEntries(
        lbs
          .get('edge-lb')
          .backendSets.map((b: { name: string; health: { status: string } }) => [b.name, b.health.status]),
      ),
    ).toEqual({ web: 'OK', api: 'WARNING', legacy: 'CRITICAL' });
    const total = set.healthSummary!.reduce((n, s) => n + s.count, 0);
    expect(total).toBe(
      ['instances', 'databases', 'clusters', 'apiGateways', 'loadBalancers'].reduce((n, k) => n + set[k]!.length, 0),
    );
    ids.web1 = web1.id;
    ids.web2 = inst.get('web-2')!.id;
    ids.web1Ips = JSON.stringify([web1.privateIps, web1.publicIps]);
  });

  it('reads one instance', async () => {
    const r = await fx.graphql<{ instance: Inst & { shape: string; ocpus: number; availabilityDomain: string } }>(
      `query($id: ID!) { instance(id: $id) { id displayName shape ocpus availabilityDomain lifecycleState privateIps ` +
        `publicIps } }`,
      { token: await as(['viewer']), variables: { id: ids.web1 } },
    );
    expect(r.body.errors).toBeUndefined();
    const i = r.body.data!.instance;
    expect(i).toMatchObject({
      id: ids.web1,
      displayName: 'web-1',
      shape: 'VM.Standard.E4.Flex',
      ocpus: 2,
      availabilityDomain: 'Uocm:US-ASHBURN-AD-1',
    });
    // same IPs as the list (which does not call GetVnic)
    expect(JSON.stringify([i.privateIps, i.publicIps])).toBe(ids.web1Ips);
    const bad = await fx.graphql(`{ instance(id: "ocid1.vcn.oc1.iad.aaaaaaaaabc") { id } }`, {
      token: await as(['viewer']),
    });
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lets an operator stop an instance and wait for STOPPED', async () => {
    const r = await fx.graphql<{
      instanceAction: {
        reachedTargetState: boolean;
        targetState: string;
        waited: boolean;
        instance: { lifecycleState: string };
      };
    }>(
      `mutation($id: ID!) { instanceAction(id: $id, action: STOP, waitForState: true) { reachedTargetState ` +
        `targetState waited instance { lifecycleState } } }`,
      { token: await as(['operator']), variables: { id: ids.web1 } },
    );
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data!.instanceAction).toEqual({
      reachedTargetState: true,
      targetState: 'STOPPED',
      waited: true,
      instance: { lifecycleState: 'STOPPED' },
    });
    const after = await fx.graphql<{ instance: { lifecycleState: string } }>(
      `query($id: ID!) { instance(id: $id) { lifecycleState } }`,
      { token: await as(['viewer']), variables: { id: ids.web1 } },
    );
    expect(after.body.data!.instance.lifecycleState).toBe('STOPPED');
  });

  it('refuses the action to a viewer (FORBIDDEN, nothing changes) and any request without a token (401)', async () => {
    const stop = `mutation($id: ID!) { instanceAction(id: $id, action: STOP) { instance { lifecycleState } } }`;
    const r = await fx.graphql(stop, { token: await as(['viewer']), variables: { id: ids.web2 } });
    expect(r.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const still = await fx.graphql<{ instance: { lifecycleState: string } }>(
      `query($id: ID!) { instance(id: $id) { lifecycleState } }`,
      { token: await as(['viewer']), variables: { id: ids.web2 } },
    );
    expect(still.body.data!.instance.lifecycleState).toBe('RUNNING');
    const anon = await fx.graphql(stop, { token: null, variables: { id: ids.web2 } });
    expect(anon.status).toBe(401);
    const anonRead = await fx.graphql(`{ compartments { totalCount } }`, { token: null });
    expect(anonRead.status).toBe(401);
  });
});
