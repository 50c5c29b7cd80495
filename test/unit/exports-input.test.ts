/** The export service's input validation and its reads (list, get, download PAR), with in-memory ports. */
import { beforeEach, describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError } from '#shared/errors.ts';
import { imageHint, objectHint, type World, world } from '../helpers/exports-world.ts';

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
