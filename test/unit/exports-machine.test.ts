/**
 * The export state machine with in-memory ports: the happy path, duplicated and reordered events,
 * two copies at once, cancel in each state, a dropped event recovered by reconcile, failures.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, NotFoundError, UpstreamError } from '#shared/errors.ts';
import { createLogger } from '#shared/log.ts';
import { MemoryTable } from '../helpers/fakes/nosql-memory.ts';
import { MemoryObjectStore } from '../helpers/fakes/storage-memory.ts';
import { FakeCompute } from '../helpers/fakes/exports-memory.ts';
import { createJobStore, type JobRow } from '../../functions/exports/job-store.ts';
import { createExportService, type ExportService } from '../../functions/exports/service.ts';
import { EXPORT_JOBS_TABLE } from '../../functions/exports/tables.ts';
import type { JobStore } from '../../functions/exports/ports.ts';
import type { ExportJob } from '../../functions/exports/model.ts';

const log = createLogger({ level: 'error' });

interface World {
  svc: ExportService;
  compute: FakeCompute;
  store: MemoryObjectStore;
  jobs: JobStore;
  instanceId: string;
  clock: { t: number };
}

function world(o: { buckets?: string[] } = {}): World {
  const clock = { t: Date.parse('2024-05-01T10:00:00Z') };
  const store = new MemoryObjectStore('ns1', () => clock.t);
  const buckets = new Set(o.buckets ?? ['exports', 'other']);
  const storage = Object.assign(Object.create(store) as MemoryObjectStore, {
    list: async (a: { bucket: string; prefix: string; limit?: number }) => {
      if (!buckets.has(a.bucket)) throw new NotFoundError(`bucket ${a.bucket} not found`);
      return store.list(a);
    },
  });
  const compute = new FakeCompute(store);
  const jobs = createJobStore(new MemoryTable<JobRow>({ def: EXPORT_JOBS_TABLE, now: () => clock.t }));
  const svc = createExportService({
    jobs,
    compute,
    workRequests: compute,
    storage,
    log,
    defaultBucket: 'exports',
    allowedBuckets: ['exports', 'other', 'nope'],
    now: () => clock.t,
    cleanupWaitMs: 0,
    pollMs: 1,
    staleAfterMs: 60_000,
  });
  const inst = compute.addInstance({ displayName: 'web 1' });
  return { svc, compute, store, jobs, instanceId: inst.id, clock };
}

const imageHint = (imageId: string) => ({ kind: 'image' as const, imageId });
const objectHint = (bucket: string, objectName: string) => ({ kind: 'object' as const, bucket, objectName });

describe('exports state machine', () => {
  let w: World;
  beforeEach(() => {
    w = world();
  });

  it('runs PENDING → CREATING_IMAGE → EXPORTING → CLEANING_UP → SUCCEEDED on the two events, deleting the image', async () => {
    const job = await w.svc.start({ instanceId: w.instanceId, format: 'VMDK' }, 'op1');
    expect(job.state).toBe('CREATING_IMAGE');
    expect(job.objectName).toMatch(/^exports\/2024-05-01\/web-1-export-202405011000-[0-9a-f]{10}\.vmdk$/);
    expect(job.instanceName).toBe('web 1');
    const imageId = job.imageId!;

    w.compute.setProgress(job.createImageWorkRequestId!, 50);
    expect((await w.svc.get(job.id)).percentComplete).toBe(22);

    w.compute.finishCreate(imageId);
    const exporting = await w.svc.onEvent(imageHint(imageId));
    expect(exporting?.state).toBe('EXPORTING');
    expect(w.compute.exports).toHaveLength(1);
    expect(w.compute.exports[0]).toMatchObject({ bucket: 'exports', objectName: job.objectName, format: 'VMDK' });

    w.compute.finishExport(imageId, { sizeBytes: 5555 });
    const done = await w.svc.onEvent(objectHint('exports', job.objectName));
    expect(done).toMatchObject({ state: 'SUCCEEDED', percentComplete: 100, sizeBytes: 5555, imageDeleted: true });
    expect(w.compute.liveImages()).toHaveLength(0);
    expect(done?.finishedAt).toBe(w.clock.t);
  });

  it('keeps the image when deleteImageAfterExport is false', async () => {
    const job = await w.svc.start({ instanceId: w.instanceId, deleteImageAfterExport: false }, 'op1');
    w.compute.finishCreate(job.imageId!);
    await w.svc.onEvent(imageHint(job.imageId!));
    w.compute.finishExport(job.imageId!);
    const done = await w.svc.onEvent(objectHint('exports', job.objectName));
    expect(done).toMatchObject({ state: 'SUCCEEDED', format: 'QCOW2' });
    expect(done?.imageDeleted).toBeUndefined();
    expect(w.compute.liveImages().map((i) => i.id)).toEqual([job.imageId]);
    expect(w.compute.calls.deleteImage).toBe(0);
  });

  it('duplicated and reordered events never make a second image or export', async () => {
    const job = await w.svc.start({ instanceId: w.instanceId }, 'op1');
    const imageId = job.imageId!;
    // an early duplicate of createimage.end before the image is ready: nothing happens
    expect((await w.svc.onEvent(imageHint(imageId)))?.state).toBe('CREATING_IMAGE');
    w.compute.finishCreate(imageId);
    await Promise.all([
      w.svc.onEvent(imageHint(imageId)),
      w.svc.onEvent(imageHint(imageId)),
      w.svc.onEvent(imageHint(imageId)),
    ]);
    expect(w.compute.calls).toMatchObject({ createImage: 1, exportImage: 1 });
    // the object event arrives twice, and a late createimage.end after it
    w.compute.finishExport(imageId);
    const [a, b] = await Promise.all([
      w.svc.onEvent(objectHint('exports', job.objectName)),
      w.svc.onEvent(objectHint('exports', job.objectName)),
    ]);
    expect(a?.state).toBe('SUCCEEDED');
    expect(b?.state).toBe('SUCCEEDED');
    expect((await w.svc.onEvent(imageHint(imageId)))?.state).toBe('SUCCEEDED');
    expect(w.compute.calls).toEqual({ createImage: 1, exportImage: 1, deleteImage: 1 });
  });

  it('two copies advancing the same PENDING job at once create one image (retry token + conditional write)', async () => {
    w.compute.failNext = { op: 'createImage', error: new UpstreamError('503'), times: 1 };
    const job = await w.svc.start({ instanceId: w.instanceId }, 'op1');
    expect(job.state).toBe('PENDING'); // transient failure: left for reconcile
    const results = await Promise.all([w.svc.advance(job.id), w.svc.advance(job.id), w.svc.reconcile()]);
    expect(results[0].state).toBe('CREATING_IMAGE');
    expect(results[1].imageId).toBe(results[0].imageId);
    expect(w.compute.calls.createImage).toBe(1);
    expect(w.compute.liveImages()).toHaveLength(1);
  });

  it('a progress-only change is written once per call, not in a loop while the work request moves', async () => {
    const job = await w.svc.start({ instanceId: w.instanceId }, 'op1');
    const wr = job.createImageWorkRequestId!;
    const realGet = w.compute.get.bind(w.compute);
    let reads = 0;
    w.compute.get = async (id: string) => {
      reads++;
      w.compute.setProgress(wr, Math.min(99, reads * 10));
      return realGet(id);
    };
    const after = await w.svc.advance(job.id);
    expect(after.state).toBe('CREATING_IMAGE');
    expect(after.percentComplete).toBe(4);
    expect(reads).toBe(1);
  });

  it('ignores events about images and objects it did not start', async () => {
    await w.svc.start({ instanceId: w.instanceId }, 'op1');
    expect(await w.svc.onEvent(imageHint('ocid1.image.oc1.local.someoneelse'))).toBeUndefined();
    expect(await w.svc.onEvent(objectHint('exports', 'exports/unrelated.qcow2'))).toBeUndefined();
  });

  it('recovers a dropped createimage.end and a dropped object event through reconcile', async () => {
    const job = await w.svc.start({ instanceId: w.instanceId }, 'op1');
    w.compute.finishCreate(job.imageId!);
    // the event is lost: nothing moves until reconcile
    expect((await w.jobs.get(job.id))?.job.state).toBe('CREATING_IMAGE');
    const r1 = await w.svc.reconcile();
    expect(r1).toMatchObject({ checked: 1, advanced: 1, failures: [] });
    expect((await w.jobs.get(job.id))?.job.state).toBe('EXPORTING');
    w.compute.finishExport(job.imageId!);
    await w.svc.reconcile();
    expect((await w.jobs.get(job.id))?.job).toMatchObject({ state: 'SUCCEEDED', imageDeleted: true });
    expect(await w.svc.reconcile()).toMatchObject({ checked: 0 });
  });

  it('an export that ends between its reads is not failed for a missing object', async () => {
    const job = await w.svc.start({ instanceId: w.instanceId }, 'op1');
    w.compute.finishCreate(job.imageId!);
    await w.svc.onEvent(imageHint(job.imageId!));
    // the export writes its object and ends right after the machine looks for the object
    const head = w.store.head.bind(w.store);
    let landed = false;
    w.store.head = async (o) => {
      const r = await head(o);
      if (!landed) {
        landed = true;
        w.compute.finishExport(job.imageId!);
      }
      return r;
    };
    expect((await w.svc.advance(job.id)).state).toBe('EXPORTING');
    expect(landed).toBe(true);
    expect((await w.svc.onEvent(objectHint('exports', job.objectName)))?.state).toBe('SUCCEEDED');
  });

  it('a stale job is moved on when it is listed, as when it is read', async () => {
    const job = await w.svc.start({ instanceId: w.instanceId }, 'op1');
    w.compute.finishCreate(job.imageId!); // its createimage.end is lost
    expect((await w.svc.list({})).jobs[0]?.state).toBe('CREATING_IMAGE'); // not stale yet: left as it is
    expect(w.compute.calls.exportImage).toBe(0);
    w.clock.t += 61_000;
    expect((await w.svc.list({})).jobs[0]).toMatchObject({ id: job.id, state: 'EXPORTING' });
    expect((await w.jobs.get(job.id))?.job.state).toBe('EXPORTING');
  });

  it('one list advances at most 4 stale jobs; the rest move on in later lists', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const job = await w.svc.start({ instanceId: w.instanceId, imageName: `img-${i}` }, 'op1');
      w.compute.finishCreate(job.imageId!);
      ids.push(job.id);
    }
    w.clock.t += 61_000;
    const states = async () => Promise.all(ids.map(async (id) => (await w.jobs.get(id))!.job.state));
    await w.svc.list({});
    expect((await states()).filter((s) => s === 'EXPORTING')).toHaveLength(4);
    w.clock.t += 61_000;
    await w.svc.list({});
    expect((await states()).every((s) => s === 'EXPORTING')).toBe(true);
  });

  it('reconcile reports our own error texts and masks unexpected ones', async () => {
    const job = await w.svc.start({ instanceId: w.instanceId }, 'op1');
    w.compute.finishCreate(job.imageId!);
    w.compute.failNext = { op: 'exportImage', error: new TypeError('secret internals at 0xdeadbeef'), times: 1 };
    const r = await w.svc.reconcile();
    expect(r.failures).toEqual([{ jobId: job.id, error: 'internal error (see the function logs)' }]);
    w.compute.failNext = { op: 'exportImage', error: new UpstreamError('Object Storage is unavailable'), times: 1 };
    expect((await w.svc.reconcile()).failures).toEqual([{ jobId: job.id, error: 'Object Storage is unavailable' }]);
  });

  it('reconcile pages through every job needing work: 249 old failing jobs do not starve the newest', async () => {
    const started: ExportJob[] = [];
    for (let i = 0; i < 250; i++) {
      started.push(await w.svc.start({ instanceId: w.instanceId }, 'op1'));
      w.clock.t += 1000; // ids follow creation time
    }
    const newest = started.at(-1)!;
    const failing = new Set(started.slice(0, -1).map((j) => j.imageId!));
    const getImage = w.compute.getImage.bind(w.compute);
    w.compute.getImage = async (id: string) => {
      if (failing.has(id)) throw new UpstreamError('compute is slow today');
      return getImage(id);
    };
    w.compute.finishCreate(newest.imageId!);
    const r = await w.svc.reconcile();
    expect(r).toMatchObject({ checked: 250, advanced: 1, complete: true });
    expect(r.failures).toHaveLength(249);
    expect((await w.jobs.get(newest.id))?.job.state).toBe('EXPORTING');
  });

  it('a reconcile pass out of time stops, and the next pass resumes after the last job it looked at', async () => {
    const started: ExportJob[] = [];
    for (let i = 0; i < 5; i++) {
      started.push(await w.svc.start({ instanceId: w.instanceId }, 'op1'));
      w.clock.t += 1000;
    }
    for (const j of started) w.compute.finishCreate(j.imageId!);
    const budget = (jobs: number) => {
      let left = jobs;
      return () => (left-- > 0 ? 60_000 : 0);
    };
    const r1 = await w.svc.reconcile({ remainingMs: budget(2), pageSize: 2 });
    expect(r1).toMatchObject({ checked: 2, advanced: 2, complete: false });
    const states = async () => Promise.all(started.map(async (j) => (await w.jobs.get(j.id))?.job.state));
    expect(await states()).toEqual(['EXPORTING', 'EXPORTING', 'CREATING_IMAGE', 'CREATING_IMAGE', 'CREATING_IMAGE']);
    const r2 = await w.svc.reconcile({ remainingMs: budget(2), pageSize: 2 });
    expect(r2).toMatchObject({ checked: 2, advanced: 2, complete: false });
    expect(await states()).toEqual(['EXPORTING', 'EXPORTING', 'EXPORTING', 'EXPORTING', 'CREATING_IMAGE']);
    // the unbounded pass starts after job 4, reaches the end, then wraps around to jobs 1..4
    const r3 = await w.svc.reconcile({ pageSize: 2 });
    expect(r3).toMatchObject({ checked: 5, advanced: 1, complete: true });
    expect(await states()).toEqual(Array(5).fill('EXPORTING'));
  });

  it('a read of a stale job advances it (lost event, no scheduler)', async () => {
    const job = await w.svc.start({ instanceId: w.instanceId }, 'op1');
    w.compute.finishCreate(job.imageId!);
    expect((await w.svc.get(job.id)).state).toBe('CREATING_IMAGE');
    w.clock.t += 61_000;
    expect((await w.svc.get(job.id)).state).toBe('EXPORTING');
  });

  it('CLEANING_UP waits for the export work request before deleting the image (OCI refuses while EXPORTING)', async () => {
    w.compute.deleteWhileExporting = 'conflict';
    const job = await w.svc.start({ instanceId: w.instanceId }, 'op1');
    w.compute.finishCreate(job.imageId!);
    await w.svc.onEvent(imageHint(job.imageId!));
    w.compute.finishExport(job.imageId!, { closeWorkRequest: false });
    expect((await w.svc.onEvent(objectHint('exports', job.objectName)))?.state).toBe('CLEANING_UP');
    expect(w.compute.liveImages()).toHaveLength(1);
    w.compute.closeExport(job.imageId!);
    await w.svc.reconcile();
    expect((await w.jobs.get(job.id))?.job.state).toBe('SUCCEEDED');
    expect(w.compute.liveImages()).toHaveLength(0);
  });

  it('fails the job with the work request error when the export fails, deleting the temporary image', async () => {
    const job = await w.svc.start({ instanceId: w.instanceId }, 'op1');
    w.compute.finishCreate(job.imageId!);
    await w.svc.onEvent(imageHint(job.imageId!));
    w.compute.closeExport(job.imageId!, 'FAILED', 'bucket is read-only');
    await w.svc.reconcile();
    const failed = (await w.jobs.get(job.id))!.job;
    expect(failed).toMatchObject({ state: 'FAILED', error: 'exporting the image failed: bucket is read-only' });
    expect(w.compute.liveImages()).toHaveLength(0);
    expect(failed.cleanup).toBeUndefined();
  });

  it('fails the job when CreateImage is refused for good (no image left)', async () => {
    w.compute.failNext = { op: 'createImage', error: new ConflictError('instance is being moved'), times: 1 };
    const job = await w.svc.start({ instanceId: w.instanceId }, 'op1');
    expect(job).toMatchObject({ state: 'FAILED', error: 'creating the image failed: instance is being moved' });
    expect(w.compute.liveImages()).toHaveLength(0);
  });
});

describe('exports cancel', () => {
  let w: World;
  beforeEach(() => {
    w = world();
  });

  it('PENDING: canceled; an image whose CreateImage raced the cancel is found by its tag and deleted', async () => {
    w.compute.failNext = { op: 'createImage', error: new UpstreamError('503'), times: 1 };
    const job = await w.svc.start({ instanceId: w.instanceId }, 'op1');
    expect(job.state).toBe('PENDING');
    // another copy issued CreateImage (same token) but died before recording it
    const { imageId } = await w.compute.createImage({
      compartmentId: job.compartmentId,
      instanceId: job.instanceId,
      displayName: job.imageName,
      freeformTags: { exportJobId: job.id },
      retryToken: (await import('../../functions/exports/model.ts')).stepRetryToken(job.id, 'create-image'),
    });
    const c = await w.svc.cancel(job.id, { userId: 'op2', isAdmin: true });
    expect(c).toMatchObject({ state: 'CANCELED', error: 'canceled by op2' });
    w.compute.finishCreate(imageId);
    await w.svc.onEvent({ kind: 'image', imageId, taggedJobId: job.id });
    expect(w.compute.liveImages()).toHaveLength(0);
    expect((await w.jobs.get(job.id))?.job).toMatchObject({ state: 'CANCELED', imageId, imageDeleted: true });
  });

  it('CREATING_IMAGE: canceled and the provisioning image deleted; a late createimage.end changes nothing', async () => {
    const job = await w.svc.start({ instanceId: w.instanceId }, 'op1');
    const c = await w.svc.cancel(job.id, { userId: 'op1', isAdmin: false });
    expect(c).toMatchObject({ state: 'CANCELED', imageDeleted: true });
    expect(c.cleanup).toBeUndefined();
    expect(w.compute.liveImages()).toHaveLength(0);
    expect((await w.svc.onEvent(imageHint(job.imageId!)))?.state).toBe('CANCELED');
    expect(w.compute.calls.exportImage).toBe(0);
  });

  it('EXPORTING: canceled; the image is deleted once OCI allows it and an object written late is removed', async () => {
    w.compute.deleteWhileExporting = 'conflict';
    const job = await w.svc.start({ instanceId: w.instanceId }, 'op1');
    w.compute.finishCreate(job.imageId!);
    await w.svc.onEvent(imageHint(job.imageId!));
    const c = await w.svc.cancel(job.id, { userId: 'op1', isAdmin: false });
    expect(c).toMatchObject({ state: 'CANCELED', cleanup: { image: true, object: true } });
    expect(w.compute.liveImages()).toHaveLength(1);
    // the export could not be stopped: it writes its object, then closes
    w.compute.finishExport(job.imageId!);
    expect((await w.svc.onEvent(objectHint('exports', job.objectName)))?.state).toBe('CANCELED');
    expect(await w.store.head({ bucket: 'exports', objectName: job.objectName })).toBeUndefined();
    expect(w.compute.liveImages()).toHaveLength(0);
    expect((await w.jobs.get(job.id))?.job.cleanup).toBeUndefined();
    expect(await w.svc.reconcile()).toMatchObject({ checked: 0 });
  });

  it('a cancel landing while ExportImage is being called: the export is recorded as cleanup and its file removed when it lands', async () => {
    const job = await w.svc.start({ instanceId: w.instanceId }, 'op1');
    w.compute.finishCreate(job.imageId!);
    w.compute.deleteWhileExporting = 'conflict';
    // the cancel wins the job row between the ExportImage call and the EXPORTING write
    const exportImage = w.compute.exportImage.bind(w.compute);
    let canceled: ExportJob | undefined;
    w.compute.exportImage = async (o) => {
      const r = await exportImage(o);
      canceled = await w.svc.cancel(job.id, { userId: 'op1', isAdmin: false });
      return r;
    };
    const after = await w.svc.onEvent(imageHint(job.imageId!));
    expect(canceled?.state).toBe('CANCELED');
    expect(after).toMatchObject({
      state: 'CANCELED',
      exportWorkRequestId: expect.any(String),
      cleanup: { image: true, object: true },
    });
    w.compute.finishExport(job.imageId!, { sizeBytes: 4200 });
    expect((await w.svc.onEvent(objectHint('exports', job.objectName)))?.state).toBe('CANCELED');
    expect(await w.store.head({ bucket: 'exports', objectName: job.objectName })).toBeUndefined();
    expect(w.compute.liveImages()).toHaveLength(0);
    expect((await w.jobs.get(job.id))?.job.cleanup).toBeUndefined();
    expect(await w.svc.reconcile()).toMatchObject({ checked: 0 });
  });

  it('an object landing for a canceled job that never recorded its export is deleted', async () => {
    const job = await w.svc.start({ instanceId: w.instanceId }, 'op1');
    w.compute.finishCreate(job.imageId!);
    await w.svc.cancel(job.id, { userId: 'op1', isAdmin: false });
    // an ExportImage whose caller died before recording it, then its file
    w.store.put('exports', job.objectName, 4200);
    expect(await w.store.head({ bucket: 'exports', objectName: job.objectName })).toMatchObject({ sizeBytes: 4200 });
    expect((await w.svc.onEvent(objectHint('exports', job.objectName)))?.state).toBe('CANCELED');
    expect(await w.store.head({ bucket: 'exports', objectName: job.objectName })).toBeUndefined();
    expect((await w.jobs.get(job.id))?.job.cleanup).toBeUndefined();
  });

  it('CLEANING_UP and finished jobs cannot be canceled', async () => {
    w.compute.deleteWhileExporting = 'conflict';
    const job = await w.svc.start({ instanceId: w.instanceId }, 'op1');
    w.compute.finishCreate(job.imageId!);
    await w.svc.onEvent(imageHint(job.imageId!));
    w.compute.finishExport(job.imageId!, { closeWorkRequest: false });
    await w.svc.onEvent(objectHint('exports', job.objectName));
    await expect(w.svc.cancel(job.id, { userId: 'op1', isAdmin: false })).rejects.toThrow(
      /is CLEANING_UP; only PENDING, CREATING_IMAGE, EXPORTING/,
    );
    await expect(w.svc.cancel(job.id, { userId: 'someone-else', isAdmin: false })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    w.compute.closeExport(job.imageId!);
    await w.svc.reconcile();
    await expect(w.svc.cancel(job.id, { userId: 'op1', isAdmin: false })).rejects.toBeInstanceOf(ConflictError);
    expect((await w.jobs.get(job.id))?.job.state).toBe('SUCCEEDED');
  });
});

describe('exports input validation and reads', () => {
  let w: World;
  beforeEach(() => {
    w = world();
  });
  const noJobs = async () => expect((await w.svc.list({})).jobs).toEqual([]);

  it.each([
    [{ instanceId: 'not-an-ocid' }, /instanceId must be an instance OCID/],
    [{ instanceId: 'ocid1.instance.oc1.local.missing' }, /instance ocid1.instance.oc1.local.missing does not exist/],
    [{ bucket: 'nope' }, /bucket nope does not exist/],
    [{ bucket: 'user-files' }, /bucket user-files is not an export bucket; use exports or other or nope/],
    [{ objectNamePrefix: '/abs/' }, /starts with "\/"/],
    [{ objectNamePrefix: 'a/../b/' }, /"\.\." segment/],
    [{ objectNamePrefix: 'noslash' }, /does not end with "\/"/],
    [{ imageName: 'bad name!' }, /imageName must be/],
  ])('refuses %j with a clear error and leaves no job and no image', async (patch, message) => {
    await expect(w.svc.start({ instanceId: w.instanceId, ...patch }, 'op1')).rejects.toThrow(message);
    await noJobs();
    expect(w.compute.calls.createImage).toBe(0);
  });

  it('refuses an instance that cannot be imaged', async () => {
    const inst = w.compute.addInstance({ lifecycleState: 'TERMINATED' });
    await expect(w.svc.start({ instanceId: inst.id }, 'op1')).rejects.toThrow(
      /is TERMINATED; an image can be made only while it is RUNNING or STOPPED/,
    );
    await noJobs();
  });

  it('lists newest first with cursors, filtered by state and instance', async () => {
    const other = w.compute.addInstance({ displayName: 'db' });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      w.clock.t += 1000;
      ids.push((await w.svc.start({ instanceId: i % 2 ? other.id : w.instanceId, objectNamePrefix: 'x/' }, 'op1')).id);
    }
    await w.svc.cancel(ids[4]!, { userId: 'op1', isAdmin: false });
    const p1 = await w.svc.list({ first: 2 });
    expect(p1.jobs.map((j) => j.id)).toEqual([ids[4], ids[3]]);
    expect(p1.hasMore).toBe(true);
    const p2 = await w.svc.list({ first: 2, after: Buffer.from(ids[3]!).toString('base64url') });
    expect(p2.jobs.map((j) => j.id)).toEqual([ids[2], ids[1]]);
    const p3 = await w.svc.list({ first: 2, after: Buffer.from(ids[1]!).toString('base64url') });
    expect(p3).toEqual({ jobs: [expect.objectContaining({ id: ids[0] })], hasMore: false });
    expect((await w.svc.list({ instanceId: other.id })).jobs.map((j) => j.id)).toEqual([ids[3], ids[1]]);
    expect((await w.svc.list({ state: 'CANCELED' })).jobs.map((j) => j.id)).toEqual([ids[4]]);
    await expect(w.svc.list({ after: 'garbage' })).rejects.toThrow(/not a cursor/);
    await expect(w.svc.list({ first: 0 })).rejects.toThrow(/first must be/);
  });

  it('gives a read PAR only for a SUCCEEDED job', async () => {
    const job = await w.svc.start(
      { instanceId: w.instanceId, format: 'VHD', bucket: 'other', objectNamePrefix: '' },
      'op1',
    );
    expect(job.objectName).toMatch(/^web-1-export-\d{12}-[0-9a-f]{10}\.vhd$/);
    await expect(w.svc.downloadUrl(job.id, 600, { userId: 'op1', isAdmin: false })).rejects.toThrow(
      /is CREATING_IMAGE; a download URL exists only once it SUCCEEDED/,
    );
    w.compute.finishCreate(job.imageId!);
    await w.svc.onEvent(imageHint(job.imageId!));
    w.compute.finishExport(job.imageId!);
    await w.svc.onEvent(objectHint('other', job.objectName));
    await expect(w.svc.downloadUrl(job.id, 10, { userId: 'op1', isAdmin: false })).rejects.toThrow(/ttlSeconds/);
    await expect(w.svc.downloadUrl(job.id, 600, { userId: 'someone-else', isAdmin: false })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect(w.store.pars).toEqual([]);
    const d = await w.svc.downloadUrl(job.id, 600, { userId: 'op1', isAdmin: false });
    expect(d.url).toMatch(/^memory:\/\/par\//);
    expect(w.store.pars).toEqual([
      expect.objectContaining({ bucket: 'other', objectName: job.objectName, access: 'ObjectRead' }),
    ]);
    await expect(w.svc.get('exp0000000000ffffffffff')).rejects.toBeInstanceOf(NotFoundError);
    await expect(w.svc.get('nope')).rejects.toThrow(/not an export job id/);
  });
});
