/**
 * The Events router against a real emulator: envelopes from the emulator's bus (published directly
 * or by Object Storage) are delivered through the Functions invoke API to fake targets registered
 * with the emulator's Functions provider.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ObjectStorageClient } from 'oci-objectstorage';
import { makeEnvelope, type OciEventEnvelope } from '#local/emulator/core/events.ts';
import type { FunctionTarget, FunctionsProvider } from '#local/emulator/services/functions/provider.ts';
import { createInvokeClient } from '#local/invoke/index.ts';
import { createEventsRouter, type EventRule, type EventsRouter } from '#local/events/index.ts';
import { createLogger } from '#shared/log.ts';
import { startEmulatorFixture, uid, waitFor, type EmulatorFixture } from '../helpers/emulator.ts';

const QUOTA = 'ocid1.fnfunc.oc1.iad.aaaaaaaaeventsquota';
const EXPORTS = 'ocid1.fnfunc.oc1.iad.aaaaaaaaeventsexports';
interface Received {
  fnId: string;
  intent?: string;
  event: OciEventEnvelope;
}
const received: Received[] = [];
/** per function: how many upcoming calls fail with 502 */
const failNext = new Map<string, number>();
/** per function: the statuses the next calls answer with (an error body each) */
const statusesNext = new Map<string, number[]>();

function target(fnId: string): FunctionTarget {
  return {
    async invoke({ body, headers }) {
      received.push({
        fnId,
        intent: headers['fn-intent'] as string | undefined,
        event: JSON.parse(body.toString()) as OciEventEnvelope,
      });
      const status = statusesNext.get(fnId)?.shift();
      if (status !== undefined) {
        return {
          status,
          headers: { 'content-type': 'application/json' },
          body: Buffer.from('{}'),
          error: { code: `Status${status}`, message: `answered ${status}` },
        };
      }
      const left = failNext.get(fnId) ?? 0;
      if (left > 0) {
        failNext.set(fnId, left - 1);
        return {
          status: 502,
          headers: { 'content-type': 'application/json' },
          body: Buffer.from('{}'),
          error: { code: 'FunctionInvokeExecutionFailed', message: 'function failed' },
        };
      }
      return { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"ok":true}') };
    },
  };
}

let fx: EmulatorFixture;
let router: EventsRouter;
let userFiles: string;
let exportsBucket: string;
const rules = (): EventRule[] => [
  {
    name: 'quota',
    condition: {
      eventType: ['com.oraclecloud.objectstorage.createobject', 'com.oraclecloud.objectstorage.deleteobject'],
      data: { additionalDetails: { bucketName: [userFiles] } },
    },
    actions: [{ functionId: QUOTA }],
  },
  {
    name: 'exports-objects',
    condition: {
      eventType: 'com.oraclecloud.objectstorage.*',
      data: { additionalDetails: { bucketName: [exportsBucket] } },
    },
    actions: [{ functionId: EXPORTS }],
  },
  {
    name: 'exports-images',
    condition: { eventType: ['com.oraclecloud.computeapi.createimage.end'] },
    actions: [{ functionId: EXPORTS }],
  },
];

const objectEvent = (bucketName: string, eventType = 'com.oraclecloud.objectstorage.createobject') =>
  makeEnvelope({
    eventType,
    source: 'ObjectStorage',
    compartmentId: fx.emu.tenancy.tenancyId,
    resourceName: uid('obj'),
    resourceId: `/n/ns/b/${bucketName}/o/x`,
    additionalDetails: { bucketName, namespace: fx.emu.tenancy.namespace, eTag: uid('etag') },
  });
const forEvent = (e: OciEventEnvelope) => received.filter((r) => r.event.eventID === e.eventID);
const logOf = (e: OciEventEnvelope) => router.deliveries().filter((d) => d.eventID === e.eventID);

beforeAll(async () => {
  fx = await startEmulatorFixture();
  const fns = fx.emu.provider<FunctionsProvider>('functions')!;
  fns.register(QUOTA, target(QUOTA));
  fns.register(EXPORTS, target(EXPORTS));
  userFiles = uid('user-files');
  exportsBucket = uid('exports');
  router = createEventsRouter({
    rules: rules(),
    invoker: createInvokeClient({ endpoint: fx.emu.url, auth: fx.auth }),
    retry: { maxAttempts: 3, baseDelayMs: 5, factor: 2, maxDelayMs: 20 },
    log: createLogger({ level: 'error' }),
  });
  router.attach(fx.emu.events);
});
afterEach(() => {
  router.setChaos(undefined);
  failNext.clear();
  statusesNext.clear();
});
afterAll(async () => {
  await router?.close();
  await fx?.stop();
});

describe('Events router', () => {
  it('delivers an object event to the function of the matching rule only, as a cloudevent', async () => {
    const e = objectEvent(userFiles);
    fx.emu.events.publish(e);
    await router.idle();
    expect(forEvent(e).map((r) => r.fnId)).toEqual([QUOTA]);
    expect(forEvent(e)[0]!.intent).toBe('cloudevent');
    expect(forEvent(e)[0]!.event).toEqual(e);
    expect(logOf(e)).toMatchObject([
      { rule: 'quota', functionId: QUOTA, attempt: 1, outcome: 'delivered', status: 200 },
    ]);
  });

  it('delivers nothing for events no rule matches', async () => {
    const other = objectEvent(uid('other-bucket'));
    const wrongType = objectEvent(userFiles, 'com.oraclecloud.objectstorage.updateobject');
    fx.emu.events.publish(other);
    fx.emu.events.publish(wrongType);
    await router.idle();
    expect(forEvent(other)).toHaveLength(0);
    expect(forEvent(wrongType)).toHaveLength(0);
    expect(logOf(other)).toHaveLength(0);
  });

  it('routes exports-bucket and compute image events to the exports function', async () => {
    const obj = objectEvent(exportsBucket, 'com.oraclecloud.objectstorage.updateobject');
    const img = makeEnvelope({
      eventType: 'com.oraclecloud.computeapi.createimage.end',
      source: 'ComputeApi',
      compartmentId: fx.emu.tenancy.tenancyId,
      resourceName: 'img',
      resourceId: 'ocid1.image.oc1.iad.aaaa',
    });
    fx.emu.events.publish(obj);
    fx.emu.events.publish(img);
    await router.idle();
    expect(forEvent(obj).map((r) => r.fnId)).toEqual([EXPORTS]);
    expect(forEvent(img).map((r) => r.fnId)).toEqual([EXPORTS]);
  });

  it('delivers events Object Storage emits for a bucket with objectEventsEnabled', async () => {
    const os = fx.point(new ObjectStorageClient({ authenticationDetailsProvider: fx.auth }));
    const namespaceName = fx.emu.tenancy.namespace;
    await os.createBucket({
      namespaceName,
      createBucketDetails: { name: userFiles, compartmentId: fx.emu.tenancy.tenancyId, objectEventsEnabled: true },
    });
    const objectName = uid('upload');
    await os.putObject({ namespaceName, bucketName: userFiles, objectName, putObjectBody: Buffer.from('hello') });
    const got = await waitFor(() => received.find((r) => r.event.data.resourceName === objectName), {
      what: 'the createobject delivery',
    });
    expect(got.fnId).toBe(QUOTA);
    expect(got.event.eventType).toBe('com.oraclecloud.objectstorage.createobject');
    expect(got.event.data.additionalDetails).toMatchObject({ bucketName: userFiles, namespace: namespaceName });
    await router.idle();
  });

  it('retries a failing function with backoff until it succeeds', async () => {
    failNext.set(QUOTA, 2);
    const e = objectEvent(userFiles);
    fx.emu.events.publish(e);
    await router.idle();
    expect(forEvent(e)).toHaveLength(3);
    expect(logOf(e).map((d) => [d.attempt, d.outcome, d.status])).toEqual([
      [1, 'retrying', 502],
      [2, 'retrying', 502],
      [3, 'delivered', 200],
    ]);
  });

  it('gives up after maxAttempts and logs the failure', async () => {
    failNext.set(QUOTA, 10);
    const e = objectEvent(userFiles);
    fx.emu.events.publish(e);
    await router.idle();
    expect(forEvent(e)).toHaveLength(3);
    expect(logOf(e).at(-1)).toMatchObject({ attempt: 3, outcome: 'failed', status: 502 });
  });

  it.each([400, 404, 413])('records a %i answer as failed at once, without retrying', async (status) => {
    statusesNext.set(QUOTA, [status]);
    const e = objectEvent(userFiles);
    fx.emu.events.publish(e);
    await router.idle();
    expect(forEvent(e)).toHaveLength(1);
    expect(logOf(e).map((d) => [d.attempt, d.outcome, d.status])).toEqual([[1, 'failed', status]]);
  });

  it('retries 429 and 5xx answers', async () => {
    statusesNext.set(QUOTA, [429, 503]);
    const e = objectEvent(userFiles);
    fx.emu.events.publish(e);
    await router.idle();
    expect(logOf(e).map((d) => [d.attempt, d.outcome, d.status])).toEqual([
      [1, 'retrying', 429],
      [2, 'retrying', 503],
      [3, 'delivered', 200],
    ]);
  });

  it('retries when the invoke endpoint does not answer', async () => {
    const dead = createEventsRouter({
      rules: rules(),
      invoker: createInvokeClient({ endpoint: 'http://127.0.0.1:1', auth: fx.auth }),
      retry: { maxAttempts: 2, baseDelayMs: 5, factor: 2, maxDelayMs: 10 },
      log: createLogger({ level: 'error' }),
    });
    const e = objectEvent(userFiles);
    dead.dispatch(e);
    await dead.idle();
    expect(dead.deliveries().map((d) => [d.attempt, d.outcome, d.error])).toEqual([
      [1, 'retrying', 'the invoke endpoint did not answer'],
      [2, 'failed', 'the invoke endpoint did not answer'],
    ]);
    await dead.close();
  });

  it('chaos: drop loses a delivery, duplicate delivers the same event twice', async () => {
    const dropped = objectEvent(userFiles);
    const doubled = objectEvent(userFiles);
    router.setChaos({ drop: (e) => e.eventID === dropped.eventID, duplicate: (e) => e.eventID === doubled.eventID });
    fx.emu.events.publish(dropped);
    fx.emu.events.publish(doubled);
    await router.idle();
    expect(forEvent(dropped)).toHaveLength(0);
    expect(logOf(dropped)).toMatchObject([{ outcome: 'dropped', attempt: 0 }]);
    expect(forEvent(doubled)).toHaveLength(2);
    expect(forEvent(doubled).every((r) => r.event.eventID === doubled.eventID)).toBe(true);
    expect(
      logOf(doubled)
        .map((d) => d.duplicate)
        .sort(),
    ).toEqual([false, true]);
  });

  it('close() cancels scheduled retries', async () => {
    const slow = createEventsRouter({
      rules: rules(),
      invoker: createInvokeClient({ endpoint: fx.emu.url, auth: fx.auth }),
      retry: { maxAttempts: 5, baseDelayMs: 60_000, factor: 1, maxDelayMs: 60_000 },
      log: createLogger({ level: 'error' }),
    });
    failNext.set(QUOTA, 1);
    const e = objectEvent(userFiles);
    slow.dispatch(e);
    await waitFor(() => slow.deliveries().length === 1 && slow.pending() === 1, { what: 'a scheduled retry' });
    await slow.close();
    expect(slow.pending()).toBe(0);
    expect(forEvent(e)).toHaveLength(1);
  });
});
