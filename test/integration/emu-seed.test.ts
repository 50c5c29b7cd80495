/** The demo tenancy seed: applied once through the providers, visible through the SDK, idempotent across restarts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComputeClient } from 'oci-core';
import { IdentityClient } from 'oci-identity';
import { LoadBalancerClient } from 'oci-loadbalancer';
import { applyTenancy, generateTenancy, seedDemoTenancy, type SeedResult } from '#local/emulator/seed/index.ts';
import { startKit, type Kit } from './emu-kit.ts';

let kit: Kit;
let first: SeedResult;

beforeAll(async () => {
  kit = await startKit();
  first = await seedDemoTenancy(kit.fx.emu);
});
afterAll(async () => {
  await kit.fx.stop();
});

describe('seedDemoTenancy', () => {
  it('creates at least three levels of compartments and several of each kind', async () => {
    expect(first.applied).toBe(true);
    expect(first.counts).toMatchObject({
      instances: expect.any(Number),
      autonomousDatabases: 3,
      mysqlDbSystems: 3,
      clusters: 2,
      nodePools: 3,
      apiGateways: 2,
      loadBalancers: 3,
    });
    expect(first.counts.instances).toBeGreaterThanOrEqual(8);
    const identity = kit.client(IdentityClient);
    const all = (
      await identity.listCompartments({
        compartmentId: kit.tenancyId,
        compartmentIdInSubtree: true,
        accessLevel: 'ANY' as never,
        limit: 1000,
      })
    ).items;
    const byId = new Map(all.map((c) => [c.id, c]));
    const depth = (id: string): number => (byId.has(id) ? 1 + depth(byId.get(id)!.compartmentId) : 0);
    expect(Math.max(...all.map((c) => depth(c.id)))).toBeGreaterThanOrEqual(3);
    const compute = kit.client(ComputeClient);
    const web = (await compute.listInstances({ compartmentId: first.compartments['demo/prod/prod-web']! })).items;
    expect(web.map((i) => i.lifecycleState).sort()).toEqual(['RUNNING', 'RUNNING', 'STOPPED']);
  });

  it('gives load balancers backend sets of mixed health', async () => {
    const lb = kit.client(LoadBalancerClient);
    const edge = (await lb.listLoadBalancers({ compartmentId: first.compartments['demo/platform']! })).items[0]!;
    const health = async (name: string) =>
      (await lb.getBackendSetHealth({ loadBalancerId: edge.id, backendSetName: name })).backendSetHealth.status;
    expect([await health('web'), await health('api'), await health('legacy')]).toEqual(['OK', 'WARNING', 'CRITICAL']);
  });

  it('is applied only once, also after a restart', async () => {
    const again = await seedDemoTenancy(kit.fx.emu);
    expect(again.applied).toBe(false);
    expect(again.counts).toEqual({});
    kit.fx = await kit.fx.restart();
    const afterRestart = await seedDemoTenancy(kit.fx.emu);
    expect(afterRestart.applied).toBe(false);
    expect(afterRestart.compartments).toEqual(first.compartments);
    const compute = kit.client(ComputeClient);
    expect(
      (await compute.listInstances({ compartmentId: first.compartments['demo/prod/prod-web']! })).items,
    ).toHaveLength(3);
  });
});

describe('generateTenancy', () => {
  it('describes N compartments with perKind of each of the six kinds', async () => {
    const spec = generateTenancy({ compartments: 7, perKind: 2 });
    const r = await applyTenancy(kit.fx.emu, spec);
    expect(Object.keys(r.compartments)).toHaveLength(8);
    expect(r.counts).toMatchObject({
      instances: 14,
      autonomousDatabases: 14,
      mysqlDbSystems: 14,
      clusters: 14,
      apiGateways: 14,
      loadBalancers: 14,
    });
  });
});
