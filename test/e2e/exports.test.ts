/**
 * Exports end to end: GraphQL through the API Gateway front → gateway → exports function (a real
 * container) → emulator Compute/Work Requests/NoSQL/Object Storage, moved on by the Events router.
 * Covers QCOW2 and VMDK with download through the PAR, image kept/deleted, a dropped event
 * recovered by reconcileExports, duplicated and late events, the function killed mid-step, cancel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as common from 'oci-common';
import { ComputeClient, VirtualNetworkClient } from 'oci-core';
import { ObjectStorageClient } from 'oci-objectstorage';
import type { OciEventEnvelope } from '#local/emulator/core/events.ts';
import { startStackFixture, type StackFixture } from '../helpers/stack.ts';
import { uid, waitFor } from '../helpers/emulator.ts';
import { IMAGE_MAGIC, launchRunningInstance } from '../helpers/instances.ts';

process.env.EMULATOR_TRANSITION_MS ??= '100';
process.env.EMULATOR_IMAGE_WORK_MS ??= '1500';

const JOB_FIELDS =
  'id state percentComplete instanceId instanceName imageId imageName format objectName objectUri sizeBytes ' +
  'deleteImageAfterExport imageDeleted startedAt finishedAt durationSeconds error';
const MAGIC = IMAGE_MAGIC;

interface Job {
  id: string;
  state: string;
  percentComplete: number;
  instanceId: string;
  instanceName: string;
  imageId: string | null;
  imageName: string;
  format: string;
  objectName: string;
  objectUri: string;
  sizeBytes: number | null;
  deleteImageAfterExport: boolean;
  imageDeleted: boolean;
  startedAt: string;
  finishedAt: string | null;
  durationSeconds: number;
  error: string | null;
}

let fx: StackFixture;
let compute: ComputeClient;
let instanceId: string;
let operator: string;
let viewer: string;
const events: OciEventEnvelope[] = [];

async function gql<T>(query: string, variables?: Record<string, unknown>, token = operator): Promise<T> {
  const r = await fx.graphql<T>(query, { token, ...(variables ? { variables } : {}) });
  if (r.body.errors?.length || !r.body.data)
    throw new Error(`GraphQL failed (${r.status}): ${JSON.stringify(r.body.errors ?? r.body)}`);
  return r.body.data;
}

const startExport = async (input: Record<string, unknown>) =>
  (
    await gql<{ exportInstance: Job }>(
      `mutation($input: ExportInstanceInput!) { exportInstance(input: $input) { ${JOB_FIELDS} } }`,
      { input: { instanceId, ...input } },
    )
  ).exportInstance;
const readJob = async (id: string) =>
  (await gql<{ exportJob: Job }>(`query($id: ID!) { exportJob(id: $id) { ${JOB_FIELDS} } }`, { id }, viewer)).exportJob;

/** Poll exportJob until it reaches `state`; returns every percentComplete seen on the way. */
async function pollUntil(id: string, state: string, timeoutMs = 45_000): Promise<{ job: Job; percents: number[] }> {
  const percents: number[] = [];
  const job = await waitFor(
    async () => {
      const j = await readJob(id);
      percents.push(j.percentComplete);
      if (j.state === 'FAILED' && state !== 'FAILED') throw new Error(`job FAILED: ${j.error}`);
      return j.state === state ? j : undefined;
    },
    { timeoutMs, intervalMs: 150, what: `export ${id} ${state}` },
  );
  return { job, percents };
}

const imageState = async (imageId: string) => {
  try {
    return (await compute.getImage({ imageId })).image.lifecycleState;
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode === 404) return 'GONE';
    throw e;
  }
};
const eventsOfJob = (jobId: string, type: string) =>
  events.filter(
    (e) => e.eventType === `com.oraclecloud.computeapi.${type}` && e.data.freeformTags?.exportJobId === jobId,
  );

beforeAll(async () => {
  fx = await startStackFixture({ require: ['gateway', 'exports'] });
  fx.stack.emulator.events.subscribe((e) => events.push(e));
  const auth = new common.ConfigFileAuthenticationDetailsProvider(fx.stack.ociConfigFile, 'DEFAULT');
  const cfg = {
    circuitBreaker: new common.CircuitBreaker({ disableClientCircuitBreaker: true }),
    retryConfiguration: common.NoRetryConfigurationDetails,
  };
  compute = new ComputeClient({ authenticationDetailsProvider: auth }, cfg);
  compute.endpoint = fx.stack.urls.emulator;
  const network = new VirtualNetworkClient({ authenticationDetailsProvider: auth }, cfg);
  network.endpoint = fx.stack.urls.emulator;
  instanceId = await launchRunningInstance({
    compute,
    network,
    compartmentId: fx.stack.emulator.admin.tenancyId,
    octet: 3,
    namePrefix: 'web',
  });
  operator = await fx.token({ roles: ['operator'] });
  viewer = await fx.token({ roles: ['viewer'] });
}, 120_000);

afterAll(async () => {
  await fx?.stop();
});

describe('exports (e2e through the API gateway)', () => {
  it.each(['QCOW2', 'VMDK'] as const)(
    'exports %s: job at once, progress, SUCCEEDED, PAR download has the magic bytes, temp image deleted',
    async (format) => {
      const started = await startExport({ format });
      expect(started).toMatchObject({ instanceId, format, deleteImageAfterExport: true, imageDeleted: false });
      expect(['PENDING', 'CREATING_IMAGE']).toContain(started.state);
      expect(started.objectName).toMatch(new RegExp(`^exports/\\d{4}-\\d{2}-\\d{2}/.+\\.${format.toLowerCase()}$`));
      expect(started.objectUri).toMatch(
        new RegExp(`^oci://exports@[^/]+/${started.objectName.replace(/[.]/g, '\\.')}$`),
      );
      const { job, percents } = await pollUntil(started.id, 'SUCCEEDED');
      expect(job).toMatchObject({ percentComplete: 100, imageDeleted: true, error: null });
      expect(job.sizeBytes).toBeGreaterThan(0);
      expect(job.finishedAt).not.toBeNull();
      for (let i = 1; i < percents.length; i++) expect(percents[i]).toBeGreaterThanOrEqual(percents[i - 1]!);
      expect(await imageState(job.imageId!)).toBe('GONE');

      // another user (a viewer) may read the job but not download the disk image
      const read = await fx.graphql<{ exportJob: { state: string } }>(
        'query($id: ID!) { exportJob(id: $id) { state } }',
        { token: viewer, variables: { id: job.id } },
      );
      expect(read.body.data?.exportJob.state).toBe('SUCCEEDED');
      const other = await fx.graphql('mutation($id: ID!) { createExportDownloadUrl(jobId: $id) { url } }', {
        token: viewer,
        variables: { id: job.id },
      });
      expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const dl = (
        await gql<{
          createExportDownloadUrl: { uri: string; url: string; method: string; expiresAt: string; objectName: string };
        }>(
          'mutation($id: ID!) { createExportDownloadUrl(jobId: $id, ttlSeconds: 600) { uri url method expiresAt ' +
            'objectName } }',
          { id: job.id },
          operator,
        )
      ).createExportDownloadUrl;
      expect(dl).toMatchObject({ uri: job.objectUri, method: 'GET' });
      expect(dl.objectName).toBe(job.objectName);
      const res = await fetch(dl.url);
      expect(res.status).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(0, 4)).toEqual(MAGIC[format]);
      expect(bytes.length).toBe(job.sizeBytes);
      // the PAR serves the stored object itself, byte for byte
      const os = new ObjectStorageClient({
        authenticationDetailsProvider: new common.ConfigFileAuthenticationDetailsProvider(
          fx.stack.ociConfigFile,
          'DEFAULT',
        ),
      });
      os.endpoint = fx.stack.urls.emulator;
      const stored = await os.getObject({
        namespaceName: job.objectUri.split('@')[1]!.split('/')[0]!,
        bucketName: 'exports',
        objectName: job.objectName,
      });
      expect(Buffer.from(await new Response(stored.value as ReadableStream).arrayBuffer()).equals(bytes)).toBe(true);
      expect(eventsOfJob(job.id, 'createimage.begin')).toHaveLength(1);
      expect(eventsOfJob(job.id, 'exportimage.begin')).toHaveLength(1);
    },
    60_000,
  );

  it('keeps the image when deleteImageAfterExport is false', async () => {
    const started = await startExport({ deleteImageAfterExport: false, imageName: uid('keep') });
    const { job } = await pollUntil(started.id, 'SUCCEEDED');
    expect(job.imageDeleted).toBe(false);
    expect(await imageState(job.imageId!)).toBe('AVAILABLE');
  }, 60_000);

  it('a dropped createimage.end strands the job until reconcileExports moves it on', async () => {
    fx.stack.router.setChaos({ drop: (e) => e.eventType === 'com.oraclecloud.computeapi.createimage.end' });
    try {
      const started = await startExport({ format: 'VMDK' });
      await waitFor(
        () => fx.stack.router.deliveries().some((d) => d.outcome === 'dropped' && d.resourceName === started.imageName),
        { timeoutMs: 20_000, what: 'the dropped event' },
      );
      expect(await imageState((await readJob(started.id)).imageId!)).toBe('AVAILABLE');
      await fx.stack.router.idle();
      expect((await readJob(started.id)).state).toBe('CREATING_IMAGE');
      const r = (
        await gql<{ reconcileExports: { checked: number; advanced: number; failures: unknown[] } }>(
          'mutation { reconcileExports { checked advanced failures { jobId error } } }',
        )
      ).reconcileExports;
      expect(r.advanced).toBeGreaterThanOrEqual(1);
      expect(r.failures).toEqual([]);
      expect(['EXPORTING', 'CLEANING_UP', 'SUCCEEDED']).toContain((await readJob(started.id)).state);
      await pollUntil(started.id, 'SUCCEEDED');
    } finally {
      fx.stack.router.setChaos(undefined);
    }
  }, 60_000);

  it('duplicated events and a late createimage.end make no second image or export', async () => {
    fx.stack.router.setChaos({ duplicate: () => true });
    let job: Job;
    try {
      const started = await startExport({});
      job = (await pollUntil(started.id, 'SUCCEEDED')).job;
      await fx.stack.router.idle();
    } finally {
      fx.stack.router.setChaos(undefined);
    }
    const late = events.find((e) => e.eventType.endsWith('createimage.end') && e.data.resourceId === job.imageId)!;
    const before = fx.stack.router.deliveries().length;
    fx.stack.router.dispatch(late);
    await fx.stack.router.idle();
    const after = fx.stack.router.deliveries().slice(before);
    expect(after.map((d) => d.outcome)).toEqual(['delivered']);
    expect(fx.stack.router.deliveries().filter((d) => d.duplicate && d.outcome === 'delivered').length).toBeGreaterThan(
      0,
    );
    expect(eventsOfJob(job.id, 'createimage.begin')).toHaveLength(1);
    expect(eventsOfJob(job.id, 'exportimage.begin')).toHaveLength(1);
    expect((await readJob(job.id)).state).toBe('SUCCEEDED');
  }, 60_000);

  it('the exports container killed while it handles an event: the job still finishes', async () => {
    const fnId = fx.stack.functionIds.exports!;
    let killed = 0;
    const started = await startExport({});
    const off = fx.stack.emulator.events.subscribe((e) => {
      if (
        killed ||
        e.eventType !== 'com.oraclecloud.computeapi.createimage.end' ||
        e.data.freeformTags?.exportJobId !== started.id
      )
        return;
      // the router was subscribed first and has started delivering this event. The handler's ExportImage
      // is held 2 s, so it is still running when the container is killed under it 200 ms later.
      const hold = fx.stack.emulator.faults.add({ service: 'compute', operation: 'ExportImage', latencyMs: 2000 });
      setTimeout(() => {
        for (const c of fx.stack.runner!.containers(fnId))
          if (c.pid) {
            process.kill(c.pid, 'SIGKILL');
            killed++;
          }
        fx.stack.emulator.faults.remove(hold.id);
      }, 200);
    });
    try {
      const { job } = await pollUntil(started.id, 'SUCCEEDED');
      expect(killed).toBeGreaterThan(0);
      // the delivery under the kill failed and the router redelivered it to a new container
      const tries = fx.stack.router
        .deliveries()
        .filter(
          (d) =>
            d.functionId === fnId && d.eventType.endsWith('createimage.end') && d.resourceName === started.imageName,
        );
      expect(tries.map((d) => d.outcome)).toContain('retrying');
      expect(tries.at(-1)?.outcome).toBe('delivered');
      expect(job.imageDeleted).toBe(true);
      expect(eventsOfJob(job.id, 'exportimage.begin')).toHaveLength(1);
    } finally {
      off();
    }
  }, 60_000);

  it('cancel while CREATING_IMAGE: CANCELED, image deleted, ' +
    'nothing exported; a finished job cannot be canceled', async () => {
    const started = await startExport({});
    const c = (
      await gql<{ cancelExport: Job }>(`mutation($id: ID!) { cancelExport(id: $id) { ${JOB_FIELDS} } }`, {
        id: started.id,
      })
    ).cancelExport;
    expect(c.state).toBe('CANCELED');
    await waitFor(async () => (await imageState(started.imageId!)) === 'GONE', { what: 'image deleted' });
    await fx.stack.router.idle();
    expect(eventsOfJob(started.id, 'exportimage.begin')).toHaveLength(0);
    const again = await fx.graphql(`mutation($id: ID!) { cancelExport(id: $id) { id } }`, {
      token: operator,
      variables: { id: started.id },
    });
    expect(again.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  }, 60_000);

  it('roles and input errors: a viewer cannot start, an unknown ' +
    'instance is BAD_USER_INPUT and leaves no job', async () => {
    const count = async () =>
      (await gql<{ exportJobs: { nodes: Job[] } }>('{ exportJobs(first: 100) { nodes { id } } }', undefined, viewer))
        .exportJobs.nodes.length;
    const n = await count();
    const denied = await fx.graphql(`mutation { exportInstance(input: { instanceId: "${instanceId}" }) { id } }`, {
      token: viewer,
    });
    expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await fx.graphql(
      'mutation { exportInstance(input: { instanceId: "ocid1.instance.oc1.iad.nosuchinstance" }) { id } }',
      { token: operator },
    );
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.body.errors?.[0]?.message).toMatch(/does not exist/);
    const prefix = await fx.graphql(
      `mutation { exportInstance(input: { instanceId: "${instanceId}", objectNamePrefix: "../x/" }) { id } }`,
      { token: operator },
    );
    expect(prefix.body.errors?.[0]?.message).toMatch(/objectNamePrefix/);
    expect(await count()).toBe(n);
    const page = (
      await gql<{ exportJobs: { nodes: Job[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(
        `{ exportJobs(instanceId: "${instanceId}", first: 2) { nodes { id startedAt } pageInfo { hasNextPage ` +
          `endCursor } } }`,
        undefined,
        viewer,
      )
    ).exportJobs;
    expect(page.nodes).toHaveLength(2);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = (
      await gql<{ exportJobs: { nodes: Job[] } }>(
        'query($a: String) { exportJobs(first: 2, after: $a) { nodes { id } } }',
        { a: page.pageInfo.endCursor },
        viewer,
      )
    ).exportJobs;
    expect(next.nodes.map((j) => j.id)).not.toContain(page.nodes[0]!.id);
    expect(next.nodes[0]!.id < page.nodes[1]!.id).toBe(true);
  }, 30_000);
});
