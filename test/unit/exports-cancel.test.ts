/** Canceling an export job in each state, with in-memory ports (test/helpers/exports-world.ts). */
import { beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, UpstreamError } from '#shared/errors.ts';
import type { ExportJob } from '../../functions/exports/model.ts';
import { imageHint, objectHint, type World, world } from '../helpers/exports-world.ts';

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

  it(
    'CREATING_IMAGE: canceled and the provisioning image ' + 'deleted; a late createimage.end changes nothing',
    async () => {
      const job = await w.svc.start({ instanceId: w.instanceId }, 'op1');
      const c = await w.svc.cancel(job.id, { userId: 'op1', isAdmin: false });
      expect(c).toMatchObject({ state: 'CANCELED', imageDeleted: true });
      expect(c.cleanup).toBeUndefined();
      expect(w.compute.liveImages()).toHaveLength(0);
      expect((await w.svc.onEvent(imageHint(job.imageId!)))?.state).toBe('CANCELED');
      expect(w.compute.calls.exportImage).toBe(0);
    },
  );

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

  it(
    'a cancel landing while ExportImage is being called: the export is recorded as cleanup and its file removed ' +
      'when it lands',
    async () => {
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
    },
  );

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
