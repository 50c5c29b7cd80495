/** Container Engine provider through ContainerEngineClient: clusters and node pools. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContainerEngineClient } from 'oci-containerengine';
import type { ContainerEngineProvider } from '#local/emulator/services/containerengine/provider.ts';
import { allPages, failure, startKit, uid, type Kit } from './emu-kit.ts';

let kit: Kit;
let oke: ContainerEngineClient;
let p: ContainerEngineProvider;

beforeAll(async () => {
  kit = await startKit();
  oke = kit.client(ContainerEngineClient);
  p = kit.fx.emu.provider<ContainerEngineProvider>('containerengine')!;
});
afterAll(async () => {
  await kit.fx.stop();
});

describe('clusters and node pools', () => {
  it('lists clusters across pages, gets one with its endpoints, lists node pools by cluster', async () => {
    const clusters = Array.from({ length: 3 }, (_, i) =>
      p.createCluster({ compartmentId: kit.tenancyId, name: uid('oke'), kubernetesVersion: `v1.3${i}.1` }),
    );
    const pools = [
      p.createNodePool({ compartmentId: kit.tenancyId, clusterId: clusters[0]!.id, name: 'a', size: 2 }),
      p.createNodePool({ compartmentId: kit.tenancyId, clusterId: clusters[0]!.id, name: 'b' }),
    ];
    p.createNodePool({ compartmentId: kit.tenancyId, clusterId: clusters[1]!.id, name: 'c' });
    const all = await allPages((page) =>
      oke.listClusters({ compartmentId: kit.tenancyId, limit: 1, ...(page ? { page } : {}) }),
    );
    expect(all.pages).toBe(3);
    const one = (await oke.getCluster({ clusterId: clusters[2]!.id })).cluster;
    expect(one).toMatchObject({ kubernetesVersion: 'v1.32.1', lifecycleState: 'ACTIVE' });
    expect(one.endpoints?.publicEndpoint).toMatch(/:6443$/);
    const listed = (await oke.listNodePools({ compartmentId: kit.tenancyId, clusterId: clusters[0]!.id })).items;
    expect(listed.map((n) => n.id).sort()).toEqual(pools.map((n) => n.id).sort());
    const pool = (await oke.getNodePool({ nodePoolId: pools[0]!.id })).nodePool;
    expect(pool.nodes).toHaveLength(2);
    expect(
      (await oke.listClusters({ compartmentId: kit.tenancyId, lifecycleState: ['ACTIVE' as never] })).items,
    ).toHaveLength(3);
  });

  it('answers 404, 400 and 501', async () => {
    expect((await failure(oke.getCluster({ clusterId: 'ocid1.cluster.oc1.iad.aaaaaaaanone' }))).statusCode).toBe(404);
    expect((await failure(oke.getNodePool({ nodePoolId: 'junk' }))).statusCode).toBe(400);
    expect((await failure(oke.createKubeconfig({ clusterId: 'ocid1.cluster.oc1.iad.aaaaaaaanone' }))).statusCode).toBe(
      501,
    );
  });
});
