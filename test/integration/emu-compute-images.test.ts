/** Compute images: createImage and exportImage through ComputeClient, work requests, events, exported files. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComputeClient, VirtualNetworkClient, type models } from 'oci-core';
import { ObjectStorageClient } from 'oci-objectstorage';
import { WorkRequestClient } from 'oci-workrequests';
import type { OciEventEnvelope } from '#local/emulator/core/events.ts';
import { waitFor } from '../helpers/emulator.ts';
import { IMAGE_MAGIC, launchRunningInstance } from '../helpers/instances.ts';
import { failure, startKit, uid, type Kit } from './emu-kit.ts';

let kit: Kit;
let compute: ComputeClient;
let os: ObjectStorageClient;
let wrs: WorkRequestClient;
let ns: string;
let bucket: string;
let instanceId: string;
const events: OciEventEnvelope[] = [];

const MAGIC: Record<string, Buffer> = IMAGE_MAGIC;
const launch = () =>
  launchRunningInstance({
    compute,
    network: kit.client(VirtualNetworkClient),
    compartmentId: kit.tenancyId,
    octet: 1,
    availabilityDomain: 'Uocm:US-ASHBURN-AD-2',
    namePrefix: 'src',
  });

async function createImage(): Promise<{ imageId: string; workRequestId: string; state: string }> {
  const r = await compute.createImage({
    createImageDetails: { compartmentId: kit.tenancyId, instanceId, displayName: uid('img') },
  });
  return { imageId: r.image.id, workRequestId: r.opcWorkRequestId, state: r.image.lifecycleState };
}
const available = (imageId: string) =>
  waitFor(async () => (await compute.getImage({ imageId })).image.lifecycleState === 'AVAILABLE', {
    what: 'AVAILABLE image',
  });
const objectBytes = async (name: string) =>
  Buffer.from(
    await new Response(
      (await os.getObject({ namespaceName: ns, bucketName: bucket, objectName: name })).value as ReadableStream,
    ).arrayBuffer(),
  );

beforeAll(async () => {
  // the first test reads the work request before it ends: a window a loaded CI machine does not step over
  process.env.EMULATOR_IMAGE_WORK_MS = '800';
  kit = await startKit();
  compute = kit.client(ComputeClient);
  os = kit.client(ObjectStorageClient);
  wrs = kit.client(WorkRequestClient);
  kit.fx.emu.events.subscribe((e) => events.push(e));
  ns = (await os.getNamespace({})).value;
  bucket = uid('exports');
  await os.createBucket({
    namespaceName: ns,
    createBucketDetails: { name: bucket, compartmentId: kit.tenancyId, objectEventsEnabled: true },
  });
  instanceId = await launch();
});
afterAll(async () => {
  await kit.fx.stop();
});

describe('createImage', () => {
  it('goes PROVISIONING → AVAILABLE with a work request advancing to 100 % and begin/end events', async () => {
    const { imageId, workRequestId, state } = await createImage();
    expect(state).toBe('PROVISIONING');
    const first = (await wrs.getWorkRequest({ workRequestId })).workRequest;
    expect(first.operationType).toBe('CreateImage');
    expect(first.percentComplete).toBeLessThan(100);
    await waitFor(async () => (await wrs.getWorkRequest({ workRequestId })).workRequest.status === 'SUCCEEDED', {
      what: 'work request',
    });
    expect((await wrs.getWorkRequest({ workRequestId })).workRequest.percentComplete).toBe(100);
    await available(imageId);
    const types = events.filter((e) => e.data.resourceId === imageId).map((e) => e.eventType);
    expect(types).toEqual([
      'com.oraclecloud.computeapi.createimage.begin',
      'com.oraclecloud.computeapi.createimage.end',
    ]);
    expect(
      events.find((e) => e.eventType.endsWith('createimage.end') && e.data.resourceId === imageId)!.data
        .additionalDetails,
    ).toMatchObject({ instanceId, workRequestId });
    const logs = await wrs.listWorkRequestLogs({ workRequestId });
    expect(logs.items.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses an instance that is not RUNNING or STOPPED with 409 IncorrectState and makes no image', async () => {
    // a TERMINATED instance stays so: no race with a transition's timer on a loaded machine
    const gone = await launch();
    await compute.terminateInstance({ instanceId: gone });
    await waitFor(
      async () => (await compute.getInstance({ instanceId: gone })).instance.lifecycleState === 'TERMINATED',
    );
    const before = (await compute.listImages({ compartmentId: kit.tenancyId })).items.length;
    const e = await failure(
      compute.createImage({ createImageDetails: { compartmentId: kit.tenancyId, instanceId: gone } }),
    );
    expect([e.statusCode, e.serviceCode]).toEqual([409, 'IncorrectState']);
    expect((await compute.listImages({ compartmentId: kit.tenancyId })).items.length).toBe(before);
  });
});

describe('exportImage', () => {
  it.each(['QCOW2', 'VMDK', 'VHD', 'VDI'])(
    'writes a %s file with its magic bytes and fires the object event',
    async (format) => {
      const { imageId } = await createImage();
      await available(imageId);
      const objectName = `exports/${uid('disk')}.${format.toLowerCase()}`;
      const r = await compute.exportImage({
        imageId,
        exportImageDetails: {
          destinationType: 'objectStorageTuple',
          namespaceName: ns,
          bucketName: bucket,
          objectName,
          exportFormat: format,
        } as models.ExportImageViaObjectStorageTupleDetails,
      });
      expect(r.image.lifecycleState).toBe('EXPORTING');
      await waitFor(
        async () =>
          (await wrs.getWorkRequest({ workRequestId: r.opcWorkRequestId })).workRequest.status === 'SUCCEEDED',
        { what: 'export' },
      );
      await available(imageId);
      const bytes = await objectBytes(objectName);
      if (format === 'VHD') expect(bytes.subarray(bytes.length - 512, bytes.length - 504)).toEqual(MAGIC.VHD);
      expect(bytes.subarray(0, MAGIC[format]!.length)).toEqual(MAGIC[format]);
      const created = events.find(
        (e) => e.eventType === 'com.oraclecloud.objectstorage.createobject' && e.data.resourceName === objectName,
      );
      expect(created?.data.additionalDetails).toMatchObject({ bucketName: bucket });
      const mine = events.filter((e) => e.data.resourceId === imageId).map((e) => e.eventType);
      expect(mine).toContain('com.oraclecloud.computeapi.exportimage.begin');
      expect(mine).toContain('com.oraclecloud.computeapi.exportimage.end');
    },
  );

  it('exports the OCI format as a tar holding a QCOW2, through a PAR URI', async () => {
    const { imageId } = await createImage();
    await available(imageId);
    const objectName = `${uid('par')}.oci`;
    const par = await os.createPreauthenticatedRequest({
      namespaceName: ns,
      bucketName: bucket,
      createPreauthenticatedRequestDetails: {
        name: uid('p'),
        objectName,
        accessType: 'ObjectWrite' as never,
        timeExpires: new Date(Date.now() + 3600_000),
      },
    });
    const destinationUri = kit.fx.emu.url + par.preauthenticatedRequest.accessUri;
    const r = await compute.exportImage({
      imageId,
      exportImageDetails: {
        destinationType: 'objectStorageUri',
        destinationUri,
      } as models.ExportImageViaObjectStorageUriDetails,
    });
    await waitFor(
      async () => (await wrs.getWorkRequest({ workRequestId: r.opcWorkRequestId })).workRequest.status === 'SUCCEEDED',
      { what: 'export' },
    );
    const bytes = await objectBytes(objectName);
    expect(bytes.subarray(257, 262).toString()).toBe('ustar');
    expect(bytes.includes(MAGIC.QCOW2!)).toBe(true);
  });

  it('refuses a missing bucket (400) and an image that is not AVAILABLE (409), changing nothing', async () => {
    const { imageId } = await createImage();
    const busy = await failure(
      compute.exportImage({
        imageId,
        exportImageDetails: {
          destinationType: 'objectStorageTuple',
          namespaceName: ns,
          bucketName: bucket,
          objectName: 'x.qcow2',
        } as models.ExportImageViaObjectStorageTupleDetails,
      }),
    );
    expect([busy.statusCode, busy.serviceCode]).toEqual([409, 'IncorrectState']);
    await available(imageId);
    const missing = await failure(
      compute.exportImage({
        imageId,
        exportImageDetails: {
          destinationType: 'objectStorageTuple',
          namespaceName: ns,
          bucketName: uid('nope'),
          objectName: 'x.qcow2',
        } as models.ExportImageViaObjectStorageTupleDetails,
      }),
    );
    expect([missing.statusCode, missing.serviceCode]).toEqual([400, 'InvalidParameter']);
    expect(missing.message).toContain('does not exist');
    expect((await compute.getImage({ imageId })).image.lifecycleState).toBe('AVAILABLE');
  });
});

describe('deleteImage', () => {
  it('deletes a custom image with a deleteimage event; platform images cannot be deleted', async () => {
    const { imageId } = await createImage();
    await available(imageId);
    await compute.deleteImage({ imageId });
    expect((await failure(compute.getImage({ imageId }))).statusCode).toBe(404);
    expect(
      events.some((e) => e.eventType === 'com.oraclecloud.computeapi.deleteimage' && e.data.resourceId === imageId),
    ).toBe(true);
    const platform = (await compute.listImages({ compartmentId: kit.tenancyId })).items.find(
      (i) => i.compartmentId == null,
    )!;
    expect(platform.displayName).toMatch(/^(Canonical|Oracle)/);
    expect((await failure(compute.deleteImage({ imageId: platform.id }))).statusCode).toBe(404);
  });
});

describe('restarts', () => {
  it('finishes an image that was being created when the emulator restarted, with its end event', async () => {
    const { imageId, workRequestId } = await createImage();
    kit.fx = await kit.fx.restart();
    const after: OciEventEnvelope[] = [];
    kit.fx.emu.events.subscribe((e) => after.push(e));
    compute = kit.client(ComputeClient);
    wrs = kit.client(WorkRequestClient);
    await waitFor(async () => (await wrs.getWorkRequest({ workRequestId })).workRequest.status === 'SUCCEEDED', {
      what: 'work request after restart',
    });
    expect((await compute.getImage({ imageId })).image.lifecycleState).toBe('AVAILABLE');
    expect(
      after.some((e) => e.eventType === 'com.oraclecloud.computeapi.createimage.end' && e.data.resourceId === imageId),
    ).toBe(true);
  });
});
