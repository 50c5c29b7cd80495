/** Load Balancer provider through LoadBalancerClient, with backend set health. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoadBalancerClient } from 'oci-loadbalancer';
import type { LoadBalancerProvider } from '#local/emulator/services/loadbalancer/provider.ts';
import { allPages, failure, startKit, uid, type Kit } from './emu-kit.ts';

let kit: Kit;
let lb: LoadBalancerClient;
let p: LoadBalancerProvider;
const b = (ip: string, health: 'OK' | 'WARNING' | 'CRITICAL' | 'UNKNOWN') => ({ ipAddress: ip, port: 80, health });

beforeAll(async () => {
  kit = await startKit();
  lb = kit.client(LoadBalancerClient);
  p = kit.fx.emu.provider<LoadBalancerProvider>('loadbalancer')!;
});
afterAll(async () => {
  await kit.fx.stop();
});

describe('load balancers', () => {
  it('lists across pages and reports backend set health OK / WARNING / CRITICAL / UNKNOWN', async () => {
    const main = p.createLoadBalancer({
      compartmentId: kit.tenancyId,
      displayName: uid('lb'),
      backendSets: [
        { name: 'ok', backends: [b('10.0.0.1', 'OK'), b('10.0.0.2', 'OK')] },
        { name: 'warn', backends: [b('10.0.0.3', 'OK'), b('10.0.0.4', 'CRITICAL')] },
        { name: 'crit', backends: [b('10.0.0.5', 'CRITICAL')] },
        { name: 'none', backends: [] },
      ],
    });
    p.createLoadBalancer({ compartmentId: kit.tenancyId, displayName: uid('lb'), backendSets: [] });
    p.createLoadBalancer({ compartmentId: kit.tenancyId, displayName: uid('lb'), backendSets: [] });
    const all = await allPages((page) =>
      lb.listLoadBalancers({ compartmentId: kit.tenancyId, limit: 2, ...(page ? { page } : {}) }),
    );
    expect(all.pages).toBe(2);
    const got = (await lb.getLoadBalancer({ loadBalancerId: main.id })).loadBalancer;
    expect(got).toMatchObject({ shapeName: 'flexible', lifecycleState: 'ACTIVE' });
    expect(Object.keys(got.backendSets!)).toEqual(['ok', 'warn', 'crit', 'none']);
    expect(got.ipAddresses?.[0]?.isPublic).toBe(true);
    const health = async (name: string) =>
      (await lb.getBackendSetHealth({ loadBalancerId: main.id, backendSetName: name })).backendSetHealth;
    expect((await health('ok')).status).toBe('OK');
    expect(await health('warn')).toMatchObject({
      status: 'WARNING',
      criticalStateBackendNames: ['10.0.0.4:80'],
      totalBackendCount: 2,
    });
    expect((await health('crit')).status).toBe('CRITICAL');
    expect((await health('none')).status).toBe('UNKNOWN');
    expect((await lb.getLoadBalancerHealth({ loadBalancerId: main.id })).loadBalancerHealth.status).toBe('WARNING');
    expect(
      (await lb.getBackendHealth({ loadBalancerId: main.id, backendSetName: 'warn', backendName: '10.0.0.4:80' }))
        .backendHealth.status,
    ).toBe('CRITICAL');
    expect((await lb.listBackendSets({ loadBalancerId: main.id })).items).toHaveLength(4);
  });

  it('answers 404 for an unknown backend set or LB, 400 for a malformed id, 501 for writes', async () => {
    const one = p.createLoadBalancer({ compartmentId: kit.tenancyId, backendSets: [] });
    expect((await failure(lb.getBackendSetHealth({ loadBalancerId: one.id, backendSetName: 'nope' }))).statusCode).toBe(
      404,
    );
    expect(
      (await failure(lb.getLoadBalancer({ loadBalancerId: 'ocid1.loadbalancer.oc1.iad.aaaaaaaanone' }))).statusCode,
    ).toBe(404);
    expect((await failure(lb.getLoadBalancer({ loadBalancerId: 'x' }))).statusCode).toBe(400);
    expect((await failure(lb.deleteLoadBalancer({ loadBalancerId: one.id }))).statusCode).toBe(501);
  });
});
