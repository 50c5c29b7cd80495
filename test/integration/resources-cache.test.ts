/**
 * The list cache around a transition, against the emulator through the real clients: a list read
 * while an instance is STOPPING is kept only for the short transitional TTL, so a later read
 * (without `fresh`) shows STOPPED; once steady, the list is kept for the full TTL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uid, waitFor } from '../helpers/emulator.ts';
import { startResourcesKit, type ResourcesKit } from './resources-kit.ts';

let kit: ResourcesKit;
let compartmentId: string;

const LIST =
  `query($c: ID!, $fresh: Boolean) { resources(compartmentId: $c, kinds: [INSTANCE], fresh: $fresh) { ` +
  `nodes { ... on Instance { id lifecycleState } } } }`;

beforeAll(async () => {
  // the list is read between STOP and STOPPED: a window a loaded CI machine does not step over
  process.env.EMULATOR_TRANSITION_MS = '2000';
  kit = await startResourcesKit({ RESOURCES_CACHE_TRANSITIONAL_TTL_SECONDS: '1' });
  compartmentId = await kit.compartment(uid('cache'));
}, 60_000);
afterAll(async () => {
  await kit?.stop();
});

describe('resources: list cache during a transition', () => {
  it('re-reads a list cached in a transitional state once the short TTL ends, then keeps the steady one', async () => {
    const launched = await kit.gql(
      `mutation($input: LaunchInstanceInput!) { launchInstance(input: $input) { instance { id } } }`,
      { input: { displayName: uid('vm'), compartmentId, networkPrefix: `c${Date.now().toString(36).slice(-6)}` } },
    );
    expect(launched.errors).toBeUndefined();
    const id = launched.data!.launchInstance.instance.id as string;
    const stateIn = (r: { data?: Record<string, any> }) =>
      (r.data!.resources.nodes as { id: string; lifecycleState: string }[]).find((i) => i.id === id)?.lifecycleState;
    await waitFor(async () => stateIn(await kit.gql(LIST, { c: compartmentId, fresh: true })) === 'RUNNING', {
      what: 'RUNNING',
      timeoutMs: 20_000,
    });

    const stop = await kit.gql(
      `mutation($id: ID!) { instanceAction(id: $id, action: STOP) { instance { lifecycleState } } }`,
      { id },
    );
    expect(stop.data!.instanceAction.instance.lifecycleState).toBe('STOPPING');
    // the action invalidated the list: this read loads it and caches STOPPING (for the short TTL only)
    expect(stateIn(await kit.gql(LIST, { c: compartmentId }))).toBe('STOPPING');

    // no `fresh`: with the full TTL (5 minutes) this would answer STOPPING until the timeout
    await waitFor(async () => stateIn(await kit.gql(LIST, { c: compartmentId })) === 'STOPPED', {
      what: 'STOPPED from the cached list',
      timeoutMs: 20_000,
      intervalMs: 100,
    });

    // steady now: the next read is a cache hit
    const before = kit.seq();
    expect(stateIn(await kit.gql(LIST, { c: compartmentId }))).toBe('STOPPED');
    expect(kit.callsSince(before).filter((c) => c.operation === 'ListInstances')).toEqual([]);
  }, 60_000);
});
