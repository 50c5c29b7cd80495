/** Unit tests of functions/resources/operations.ts against fake ports: the wait after RESET/SOFTRESET. */
import { describe, expect, it } from 'vitest';
import { createLogger } from '#shared/log.ts';
import type { Inventory } from '../../functions/resources/inventory.ts';
import { instanceAction, type OperationsDeps } from '../../functions/resources/operations.ts';
import type { ComputePort, InstanceView, InventoryPort, NetworkPort } from '../../functions/resources/ports.ts';

const view = (lifecycleState: string): InstanceView => ({
  kind: 'INSTANCE',
  id: 'ocid1.instance.oc1.iad.aaaaaaaafake',
  displayName: 'vm',
  compartmentId: 'ocid1.compartment.oc1..aaaaaaaac',
  lifecycleState,
  timeCreated: null,
  freeformTags: {},
  shape: 'VM.Standard.E2.1.Micro',
  ocpus: 1,
  memoryInGBs: 1,
  availabilityDomain: 'AD-1',
  faultDomain: null,
  imageId: null,
  imageName: null,
  privateIps: [],
  publicIps: [],
});

/** Deps whose GetInstance answers `reads` in turn (the last one for ever); the action itself answers `afterAction`. */
function fakeDeps(reads: string[], afterAction: string, o: { remainingMs?: () => number } = {}) {
  const seen: string[] = [];
  let i = 0;
  const port = {
    getInstance: async () => {
      const s = reads[Math.min(i++, reads.length - 1)]!;
      seen.push(s);
      return view(s);
    },
  } as unknown as InventoryPort;
  const compute = { instanceAction: async () => view(afterAction) } as unknown as ComputePort;
  const inventory = { invalidate: async () => undefined } as unknown as Inventory;
  const d: OperationsDeps = {
    inventory,
    port,
    compute,
    network: {} as NetworkPort,
    log: createLogger({ level: 'error' }),
    remainingMs: o.remainingMs ?? (() => 60_000),
    pollMs: 1,
    reserveMs: 0,
    resetGracePolls: 3,
  };
  return { d, seen };
}

describe('instanceAction RESET/SOFTRESET with waitForState', () => {
  for (const action of ['RESET', 'SOFTRESET'] as const) {
    it(
      `${action}: waits for the instance to leave RUNNING and come back, ` +
        'even when the action still answers RUNNING',
      async () => {
        // the first read is the state check before the action; then RUNNING once more, then the reset shows
        const { d, seen } = fakeDeps(['RUNNING', 'RUNNING', 'STOPPING', 'STARTING', 'RUNNING'], 'RUNNING');
        const r = await instanceAction(d, { id: view('x').id, action, waitForState: true });
        expect(r).toMatchObject({
          reachedTargetState: true,
          waited: true,
          targetState: 'RUNNING',
          instance: { lifecycleState: 'RUNNING' },
        });
        expect(seen).toEqual(['RUNNING', 'RUNNING', 'STOPPING', 'STARTING', 'RUNNING']);
      },
    );
  }

  it('accepts RUNNING after a few polls that never saw the reset (it went by between two polls)', async () => {
    const { d, seen } = fakeDeps(['RUNNING'], 'RUNNING');
    const r = await instanceAction(d, { id: view('x').id, action: 'RESET', waitForState: true });
    expect(r.reachedTargetState).toBe(true);
    expect(seen).toHaveLength(1 + 3); // the check before the action + resetGracePolls
  });

  it('does not wait past the deadline, and says it did not get there', async () => {
    let left = 60_000;
    const { d } = fakeDeps(['RUNNING', 'STOPPING'], 'RUNNING', { remainingMs: () => (left -= 10_000) });
    const r = await instanceAction(d, { id: view('x').id, action: 'RESET', waitForState: true });
    expect(r).toMatchObject({ reachedTargetState: false, instance: { lifecycleState: 'STOPPING' } });
    expect(r.message).toMatch(/still STOPPING; it did not reach RUNNING/);
  });

  it('a STOP still returns as soon as the instance is STOPPED', async () => {
    const { d, seen } = fakeDeps(['RUNNING', 'STOPPED'], 'STOPPING');
    const r = await instanceAction(d, { id: view('x').id, action: 'STOP', waitForState: true });
    expect(r.reachedTargetState).toBe(true);
    expect(seen).toEqual(['RUNNING', 'STOPPED']);
  });
});
