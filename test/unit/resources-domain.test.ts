/**
 * Unit tests of the resources domain: validation, health rules,
 * metric grouping, SSH keys, the NoSQL TTL cache, the limiter.
 */
import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cacheTableDef, createKvCache, type CacheRow } from '#shared/cache/index.ts';
import { MemoryTable } from '../helpers/fakes/nosql-memory.ts';
import { createLogger } from '#shared/log.ts';
import { healthOf } from '../../functions/resources/health.ts';
import { Inventory, inTransition } from '../../functions/resources/inventory.ts';
import { generateSshKeyPair } from '../../functions/resources/keys.ts';
import { Limiter } from '#shared/limit.ts';
import { fetchSeries, mqlOf } from '../../functions/resources/metrics.ts';
import { networkNames, pieceToken } from '../../functions/resources/network.ts';
import type {
  InstanceView,
  InventoryPort,
  LoadBalancerView,
  MetricsPort,
  MetricsQuery,
} from '../../functions/resources/ports.ts';
import { requireDuration, requireOcid, requireSshPublicKey } from '../../functions/resources/validate.ts';

const inst = (n: number, c = 'ocid1.compartment.oc1..aaaaaaaac1') => ({
  id: `ocid1.instance.oc1.iad.aaaaaaaa${n}x`,
  compartmentId: c,
});

describe('resources validation', () => {
  it('accepts OCIDs of the right type and rejects the rest as BAD_USER_INPUT', () => {
    expect(requireOcid('ocid1.instance.oc1.iad.aaaaaaaaabc', 'id', ['instance'])).toBe(
      'ocid1.instance.oc1.iad.aaaaaaaaabc',
    );
    expect(() => requireOcid('ocid1.vcn.oc1.iad.aaaaaaaaabc', 'id', ['instance'])).toThrow(
      /must be the OCID of a instance, got a vcn/,
    );
    expect(() => requireOcid('nope', 'id')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    expect(() => requireDuration('90d', 'window', 60_000, 7 * 86_400_000)).toThrow(/between/);
    expect(requireDuration('5m', 'r', 60_000, 86_400_000).ms).toBe(300_000);
    expect(() => requireSshPublicKey('ssh-dss AAAA', 'k')).toThrow(/OpenSSH public key/);
  });
});

describe('resources health', () => {
  const lb = (statuses: string[]): LoadBalancerView => ({
    kind: 'LOAD_BALANCER',
    id: 'x',
    displayName: 'lb',
    compartmentId: 'c',
    lifecycleState: 'ACTIVE',
    timeCreated: null,
    freeformTags: {},
    shape: 'flexible',
    isPrivate: false,
    ipAddresses: [],
    backendSets: statuses.map((s, i) => ({
      name: `bs${i}`,
      policy: null,
      backends: [],
      health: { status: s, totalBackendCount: 1, criticalBackends: [], warningBackends: [], unknownBackends: [] },
    })),
  });
  it('derives status from lifecycle, backend health and load', () => {
    expect(healthOf(lb(['OK', 'OK'])).status).toBe('HEALTHY');
    expect(healthOf(lb(['OK', 'CRITICAL']))).toEqual({ status: 'DEGRADED', reason: 'backend set bs1 CRITICAL' });
    expect(healthOf(lb(['CRITICAL'])).status).toBe('DOWN');
    expect(healthOf(lb(['UNKNOWN'])).status).toBe('UNKNOWN');
    expect(healthOf({ ...lb([]), lifecycleState: 'FAILED' }).status).toBe('DOWN');
    const vm: InstanceView = {
      kind: 'INSTANCE',
      id: 'i',
      displayName: 'vm',
      compartmentId: 'c',
      lifecycleState: 'RUNNING',
      timeCreated: null,
      freeformTags: {},
      shape: 's',
      ocpus: 1,
      memoryInGBs: 1,
      availabilityDomain: 'ad',
      faultDomain: null,
      imageId: null,
      imageName: null,
      privateIps: [],
      publicIps: [],
    };
    expect(healthOf(vm, { cpu: 97 }).status).toBe('DEGRADED');
    expect(healthOf(vm, { cpu: 20 }).status).toBe('HEALTHY');
    expect(healthOf({ ...vm, lifecycleState: 'STARTING' }).status).toBe('DEGRADED');
  });
});

describe('resources metrics grouping', () => {
  it('makes one query per compartment and metric, filtering by resourceId', async () => {
    const queries: MetricsQuery[] = [];
    const port = {
      summarize: async (q: MetricsQuery) => {
        queries.push(q);
        return new Map(q.resourceIds.map((id) => [id, [{ timestamp: 't', value: 1 }]]));
      },
    };
    const series = await fetchSeries(port, {
      resources: [inst(1), inst(2), inst(3, 'ocid1.compartment.oc1..aaaaaaaac2')],
      names: ['CPU', 'NETWORK_IN'],
      windowMs: 3_600_000,
      resolution: '5m',
    });
    expect(queries).toHaveLength(4);
    expect(series).toHaveLength(6);
    expect(mqlOf(queries[0]!)).toBe(`CpuUtilization[5m]{resourceId =~ "${inst(1).id}|${inst(2).id}"}.mean()`);
  });
});

describe('resources SSH keys and network names', () => {
  it('generates an OpenSSH Ed25519 key pair', () => {
    const k = generateSshKeyPair('me');
    expect(k.privateKey).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----\n[\s\S]+\n-----END OPENSSH PRIVATE KEY-----\n$/);
    const blob = Buffer.from(k.publicKey.split(' ')[1]!, 'base64');
    const raw = blob.subarray(blob.length - 32);
    const pem = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
    expect(pem.asymmetricKeyType).toBe('ed25519');
    expect(Buffer.from(k.privateKey.split('\n').slice(1, -2).join(''), 'base64').includes(blob)).toBe(true);
  });
  it('names the network by convention and derives stable retry tokens', () => {
    expect(networkNames('dash', 'us-ashburn-1').vcn).toBe('dash-vcn-us-ashburn-1');
    expect(pieceToken('k', 'vcn')).toBe(pieceToken('k', 'vcn'));
    expect(pieceToken('k', 'vcn')).not.toBe(pieceToken('k', 'subnet'));
    expect(pieceToken('k', 'vcn').length).toBeLessThanOrEqual(64);
  });
});

describe('shared/cache NoSQL TTL cache', () => {
  it('expires entries, compresses large payloads and bounds the TTL', async () => {
    let now = 1_000_000;
    const table = new MemoryTable<CacheRow>({ def: cacheTableDef('c'), now: () => now });
    const cache = createKvCache({ table, ttlSeconds: 300, now: () => now });
    await cache.set('a', { x: 1 });
    expect((await cache.get<{ x: number }>('a'))?.value).toEqual({ x: 1 });
    const big = Array.from({ length: 5000 }, (_, i) => ({ i, name: `item-${i}` }));
    expect(await cache.set('big', big)).toBe(true);
    expect((await table.get({ cacheKey: 'big' }))!.value.payload.startsWith('gz:')).toBe(true);
    expect((await cache.get<typeof big>('big'))!.value).toHaveLength(5000);
    now += 301_000;
    expect(await cache.get('a')).toBeUndefined();
    expect(() => createKvCache({ table, ttlSeconds: 601 })).toThrow(/1 to 600/);
    await cache.set('b', 1);
    await cache.delete('b');
    expect(await cache.get('b')).toBeUndefined();
  });
});

describe('resources limiter', () => {
  it('never runs more than the cap at once', async () => {
    const l = new Limiter(3);
    let active = 0,
      peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        l.run(async () => {
          active++;
          peak = Math.max(peak, active);
          await new Promise((r) => setImmediate(r));
          active--;
        }),
      ),
    );
    expect(peak).toBe(3);
  });
});

describe('resources list cache TTL', () => {
  const vm = (lifecycleState: string) => ({
    kind: 'INSTANCE',
    id: 'ocid1.instance.oc1.iad.aaaaaaaattl',
    lifecycleState,
    nodePools: undefined,
  });
  it('tells transitional lists from steady ones, nested node pools and deployments included', () => {
    expect(inTransition([vm('RUNNING'), vm('STOPPED'), vm('TERMINATED')])).toBe(false);
    for (const s of [
      'STARTING',
      'STOPPING',
      'PROVISIONING',
      'TERMINATING',
      'CREATING',
      'UPDATING',
      'DELETING',
      'SCALE_IN_PROGRESS',
      'SOMETHING_NEW',
    ]) {
      expect(inTransition([vm('RUNNING'), vm(s)]), s).toBe(true);
    }
    expect(
      inTransition([
        { lifecycleState: 'ACTIVE', nodePools: [{ lifecycleState: 'ACTIVE' }, { lifecycleState: 'UPDATING' }] },
      ]),
    ).toBe(true);
    expect(inTransition([{ lifecycleState: 'ACTIVE', deployments: [{ lifecycleState: 'CREATING' }] }])).toBe(true);
    expect(
      inTransition([
        {
          lifecycleState: 'ACTIVE',
          nodePools: [{ lifecycleState: 'NEEDS_ATTENTION' }],
          deployments: [{ lifecycleState: 'ACTIVE' }],
        },
      ]),
    ).toBe(false);
  });

  it('keeps a list holding a transitional state only for the short TTL, a steady one for the full TTL', async () => {
    let now = 5_000_000;
    const table = new MemoryTable<CacheRow>({ def: cacheTableDef('c'), now: () => now });
    const cache = createKvCache({ table, ttlSeconds: 300, now: () => now });
    let state = 'STOPPING';
    let loads = 0;
    const port = {
      tenancyId: 't',
      list: async () => {
        loads++;
        return [{ ...vm(state), compartmentId: 'c' }];
      },
    } as unknown as InventoryPort;
    const inventory = () =>
      new Inventory({
        port,
        metrics: {} as MetricsPort,
        cache,
        log: createLogger({ level: 'error' }),
        transitionalTtlSeconds: 10,
      });
    const read = async () => (await inventory().list('instances', 'c'))[0]!.lifecycleState;

    expect(await read()).toBe('STOPPING');
    state = 'STOPPED';
    now += 9_000;
    expect(await read()).toBe('STOPPING'); // still within the short TTL: a hit
    expect(loads).toBe(1);
    now += 2_000;
    expect(await read()).toBe('STOPPED'); // the short TTL ran out: read again
    expect(loads).toBe(2);
    now += 200_000;
    expect(await read()).toBe('STOPPED'); // steady: kept for the full TTL
    expect(loads).toBe(2);
    now += 101_000;
    expect(await read()).toBe('STOPPED');
    expect(loads).toBe(3);
  });
});

describe('resources metrics: compartment lookups', () => {
  it('reuses what this request listed, and looks the rest up with bounded concurrency', async () => {
    const table = new MemoryTable<CacheRow>({ def: cacheTableDef('c') });
    const cache = createKvCache({ table, ttlSeconds: 300 });
    const listedIds = [1, 2, 3].map((n) => inst(n).id);
    let active = 0,
      peak = 0;
    const asked: string[] = [];
    const port = {
      tenancyId: 't',
      list: async () => listedIds.map((id) => ({ id, compartmentId: 'c-listed', lifecycleState: 'RUNNING' })),
      compartmentOf: async (id: string) => {
        asked.push(id);
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setImmediate(r));
        active--;
        return 'c-looked-up';
      },
    } as unknown as InventoryPort;
    const inventory = new Inventory({
      port,
      metrics: {} as MetricsPort,
      cache,
      log: createLogger({ level: 'error' }),
      lookupConcurrency: 3,
    });
    await inventory.list('instances', 'c-listed');
    const others = Array.from({ length: 12 }, (_, i) => inst(100 + i).id);
    const got = await inventory.compartmentsOf([...listedIds, ...others]);
    expect([...got.values()]).toEqual([...listedIds.map(() => 'c-listed'), ...others.map(() => 'c-looked-up')]);
    expect(asked.sort()).toEqual([...others].sort());
    expect(peak).toBe(3);
  });
});
