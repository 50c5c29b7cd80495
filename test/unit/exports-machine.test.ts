/**
 * The export state machine with in-memory ports (test/helpers/exports-world.ts): the happy path, duplicated
 * and reordered events, two copies at once, a dropped event recovered by reconcile, failures. Cancel is in
 * exports-cancel.test.ts, input validation and reads in exports-input.test.ts.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, UpstreamError } from '#shared/errors.ts';
import type { ExportJob } from '../../functions/exports/model.ts';
import { imageHint, objectHint, type World, world } from '../helpers/exports-world.ts';

describe('exports state machine', () => {
  let w: World;
  beforeEach(() => {
    w = world();
  });

  it(
    'runs PENDING → CREATING_IMAGE → EXPORTING → CLEANING_UP → ' + 'SUCCEEDED on the two events, deleting the image',
    async () => {
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
    },
  );

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

  it(
    'two copies advancing the same PENDING job at once create ' + 'one image (retry token + conditional write)',
    async () => {
      w.compute.failNext = { op: 'createImage', error: new UpstreamError('503'), times: 1 };
      const job = await w.svc.start({ instanceId: w.instanceId }, 'op1');
      expect(job.state).toBe('PENDING'); // transient failure: left for reconcile
      const results = await Promise.all([w.svc.advance(job.id), w.svc.advance(job.id), w.svc.reconcile()]);
      expect(results[0].state).toBe('CREATING_IMAGE');
      expect(results[1].imageId).toBe(results[0].imageId);
      expect(w.compute.calls.createImage).toBe(1);
      expect(w.compute.liveImages()).toHaveLength(1);
    },
  );

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

  it(
    'CLEANING_UP waits for the export work request before ' + 'deleting the image (OCI refuses while EXPORTING)',
    async () => {
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
    },
  );

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
