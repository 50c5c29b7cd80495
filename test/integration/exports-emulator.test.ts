/**
 * The exports domain with its OCI adapters (Compute, Work Requests, NoSQL, Object Storage) against
 * the emulator. Events come straight from the emulator's bus (no router), so a test can drop them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComputeClient, VirtualNetworkClient } from 'oci-core';
import { NosqlClient } from 'oci-nosql';
import { ObjectStorageClient } from 'oci-objectstorage';
import { WorkRequestClient } from 'oci-workrequests';
import { parseOciEvent } from '#shared/fn/index.ts';
import { createLogger } from '#shared/log.ts';
import { OciNosqlTable } from '#shared/persistence/nosql-oci.ts';
import { ensureTables } from '#shared/persistence/nosql-tables-oci.ts';
import { createOciObjectStore } from '#shared/storage/objectstorage-oci.ts';
import type { OciEventEnvelope } from '#local/emulator/core/events.ts';
import { createExportsCompute } from '../../functions/exports/compute-oci.ts';
import { hintOf } from '../../functions/exports/events.ts';
import { createJobStore, type JobRow } from '../../functions/exports/job-store.ts';
import { createExportService, type ExportService } from '../../functions/exports/service.ts';
import { EXPORT_JOBS_TABLE } from '../../functions/exports/tables.ts';
import { waitFor } from '../helpers/emulator.ts';
import { IMAGE_MAGIC, launchRunningInstance } from '../helpers/instances.ts';
import { failure, startKit, uid, type Kit } from './emu-kit.ts';

process.env.OCI_RETRY_BASE_MS = '50';
process.env.OCI_RETRY_CAP_MS = '200';

let kit: Kit;
let svc: ExportService;
let compute: ComputeClient;
let os: ObjectStorageClient;
let ns: string;
let bucket: string;
let instanceId: string;
let dropEvents = false;
const handled: { type: string; error?: string }[] = [];

const MAGIC = IMAGE_MAGIC;
const launch = () =>
  launchRunningInstance({
    compute,
    network: kit.client(VirtualNetworkClient),
    compartmentId: kit.tenancyId,
    octet: 2,
    availabilityDomain: 'Uocm:US-ASHBURN-AD-2',
  });

const stateOf = async (id: string) => (await svc.get(id)).state;
const imageState = async (imageId: string) => {
  try {
    return (await compute.getImage({ imageId })).image.lifecycleState;
  } catch (e) {
    return (e as { statusCode?: number }).statusCode === 404 ? 'GONE' : 'ERROR';
  }
};

beforeAll(async () => {
  kit = await startKit();
  compute = kit.client(ComputeClient);
  os = kit.client(ObjectStorageClient);
  ns = (await os.getNamespace({})).value;
  bucket = uid('exports');
  await os.createBucket({
    namespaceName: ns,
    createBucketDetails: { name: bucket, compartmentId: kit.tenancyId, objectEventsEnabled: true },
  });
  const nosql = kit.client(NosqlClient);
  await ensureTables([EXPORT_JOBS_TABLE], { client: nosql, compartmentId: kit.tenancyId, pollMs: 20 });
  const oci = createExportsCompute({ compute, workRequests: kit.client(WorkRequestClient) });
  svc = createExportService({
    jobs: createJobStore(new OciNosqlTable<JobRow>(EXPORT_JOBS_TABLE, { client: nosql, compartmentId: kit.tenancyId })),
    compute: oci,
    workRequests: oci,
    storage: createOciObjectStore({ client: os }),
    log: createLogger({ level: (process.env.EXPORTS_TEST_LOG ?? 'error') as 'error' }),
    defaultBucket: bucket,
    cleanupWaitMs: 3000,
    pollMs: 50,
  });
  kit.fx.emu.events.subscribe((e: OciEventEnvelope) => {
    if (dropEvents) return;
    const hint = hintOf(parseOciEvent(JSON.parse(JSON.stringify(e))));
    if (!hint) return;
    svc.onEvent(hint).then(
      () => handled.push({ type: e.eventType }),
      (err: unknown) => handled.push({ type: e.eventType, error: String(err) }),
    );
  });
  instanceId = await launch();
}, 60_000);
afterAll(async () => {
  await kit?.fx.stop();
});

describe('exports against the emulator', () => {
  it.each(['QCOW2', 'VMDK'] as const)(
    'exports %s driven by events; the file has the magic bytes; the PAR downloads it; the image is deleted',
    async (format) => {
      const job = await svc.start({ instanceId, format, objectNamePrefix: `it/${format.toLowerCase()}/` }, 'op');
      expect(job.state).toBe('CREATING_IMAGE');
      await waitFor(async () => (await stateOf(job.id)) === 'SUCCEEDED', { timeoutMs: 20_000, what: 'SUCCEEDED' });
      const done = await svc.get(job.id);
      expect(done).toMatchObject({ percentComplete: 100, imageDeleted: true, format });
      expect(done.objectName).toMatch(new RegExp(`^it/${format.toLowerCase()}/.+\\.${format.toLowerCase()}$`));
      expect(await imageState(done.imageId!)).toBe('GONE');
      const { url } = await svc.downloadUrl(job.id, 300, { userId: 'op', isAdmin: false });
      const res = await fetch(url);
      expect(res.status).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(0, 4)).toEqual(MAGIC[format]);
      expect(bytes.length).toBe(done.sizeBytes);
      expect(handled.filter((h) => h.error)).toEqual([]);
    },
    30_000,
  );

  it('keeps the image when deleteImageAfterExport is false', async () => {
    const job = await svc.start({ instanceId, deleteImageAfterExport: false }, 'op');
    await waitFor(async () => (await stateOf(job.id)) === 'SUCCEEDED', { timeoutMs: 20_000, what: 'SUCCEEDED' });
    expect(await imageState(job.imageId!)).toBe('AVAILABLE');
  }, 30_000);

  it('recovers from lost events through reconcile', async () => {
    dropEvents = true;
    try {
      const job = await svc.start({ instanceId, format: 'VMDK' }, 'op');
      await waitFor(async () => (await imageState(job.imageId!)) === 'AVAILABLE', {
        timeoutMs: 10_000,
        what: 'image AVAILABLE',
      });
      expect(await stateOf(job.id)).toBe('CREATING_IMAGE');
      await svc.reconcile();
      expect(await stateOf(job.id)).toBe('EXPORTING');
      await waitFor(
        async () =>
          (await os.listObjects({ namespaceName: ns, bucketName: bucket, prefix: job.objectName })).listObjects.objects
            .length > 0,
        { timeoutMs: 10_000, what: 'the exported object' },
      );
      await waitFor(
        async () => {
          await svc.reconcile();
          return (await stateOf(job.id)) === 'SUCCEEDED';
        },
        { timeoutMs: 10_000, intervalMs: 200, what: 'SUCCEEDED by reconcile' },
      );
      expect(await imageState(job.imageId!)).toBe('GONE');
    } finally {
      dropEvents = false;
    }
  }, 30_000);

  it('cancel while EXPORTING: the image (refused while EXPORTING) and the late object are cleaned up', async () => {
    const job = await svc.start({ instanceId }, 'op');
    await waitFor(async () => (await stateOf(job.id)) === 'EXPORTING', { timeoutMs: 10_000, what: 'EXPORTING' });
    const c = await svc.cancel(job.id, { userId: 'op2', isAdmin: true });
    expect(c.state).toBe('CANCELED');
    await waitFor(
      async () => {
        await svc.reconcile();
        return !(await svc.get(job.id)).cleanup;
      },
      { timeoutMs: 15_000, intervalMs: 200, what: 'cleanup' },
    );
    expect(await imageState(job.imageId!)).toBe('GONE');
    expect(
      (await os.listObjects({ namespaceName: ns, bucketName: bucket, prefix: job.objectName })).listObjects.objects,
    ).toEqual([]);
    expect((await svc.get(job.id)).state).toBe('CANCELED');
  }, 30_000);

  it('refuses a missing bucket or unknown instance with a clear error, leaving no job and no image', async () => {
    const before = (await compute.listImages({ compartmentId: kit.tenancyId })).items.length;
    const jobsBefore = (await svc.list({ first: 100 })).jobs.length;
    await expect(svc.start({ instanceId, bucket: uid('nobucket') }, 'op')).rejects.toThrow(
      /bucket .* is not an export bucket/,
    );
    await expect(svc.start({ instanceId, bucket: 'user-files' }, 'op')).rejects.toThrow(
      /bucket user-files is not an export bucket/,
    );
    await expect(svc.start({ instanceId: 'ocid1.instance.oc1.local.doesnotexist' }, 'op')).rejects.toThrow(
      /does not exist/,
    );
    expect((await svc.list({ first: 100 })).jobs.length).toBe(jobsBefore);
    expect((await compute.listImages({ compartmentId: kit.tenancyId })).items.length).toBe(before);
    const e = await failure(compute.getImage({ imageId: 'ocid1.image.oc1.local.doesnotexist' }));
    expect(e.statusCode).toBe(404);
  });
});
