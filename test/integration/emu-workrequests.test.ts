/** Work Requests provider through WorkRequestClient: progress, list, logs, and errors of a failed export. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComputeClient, VirtualNetworkClient, type models } from 'oci-core';
import { ObjectStorageClient } from 'oci-objectstorage';
import { WorkRequestClient } from 'oci-workrequests';
import { waitFor } from '../helpers/emulator.ts';
import { allPages, failure, startKit, uid, type Kit } from './emu-kit.ts';

let kit: Kit;
let compute: ComputeClient;
let wrs: WorkRequestClient;
let instanceId: string;

beforeAll(async () => {
  kit = await startKit();
  compute = kit.client(ComputeClient);
  wrs = kit.client(WorkRequestClient);
  const net = kit.client(VirtualNetworkClient);
  const cid = kit.tenancyId;
  const vcn = (await net.createVcn({ createVcnDetails: { compartmentId: cid, cidrBlock: '10.2.0.0/16' } })).vcn;
  const subnetId = (
    await net.createSubnet({ createSubnetDetails: { compartmentId: cid, vcnId: vcn.id, cidrBlock: '10.2.0.0/24' } })
  ).subnet.id;
  const imageId = (await compute.listImages({ compartmentId: cid, shape: 'VM.Standard.E2.1.Micro' })).items[0]!.id;
  instanceId = (
    await compute.launchInstance({
      launchInstanceDetails: {
        compartmentId: cid,
        availabilityDomain: 'Uocm:US-ASHBURN-AD-1',
        shape: 'VM.Standard.E2.1.Micro',
        sourceDetails: { sourceType: 'image', imageId } as models.InstanceSourceViaImageDetails,
        createVnicDetails: { subnetId },
      },
    })
  ).instance.id;
  await waitFor(async () => (await compute.getInstance({ instanceId })).instance.lifecycleState === 'RUNNING');
});
afterAll(async () => {
  await kit.fx.stop();
});

describe('work requests', () => {
  it('lists by compartment and resource across pages; progress only grows', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(
        (
          await compute.createImage({
            createImageDetails: { compartmentId: kit.tenancyId, instanceId, displayName: uid('img') },
          })
        ).opcWorkRequestId,
      );
    let last = -1;
    await waitFor(async () => {
      const wr = (await wrs.getWorkRequest({ workRequestId: ids[0]! })).workRequest;
      expect(wr.percentComplete).toBeGreaterThanOrEqual(last);
      last = wr.percentComplete;
      return wr.status === 'SUCCEEDED';
    });
    const all = await allPages((page) =>
      wrs.listWorkRequests({ compartmentId: kit.tenancyId, limit: 2, ...(page ? { page } : {}) }),
    );
    expect(all.items.map((w) => w.id)).toEqual(expect.arrayContaining(ids));
    const byResource = await wrs.listWorkRequests({ compartmentId: kit.tenancyId, resourceId: instanceId });
    expect(byResource.items.map((w) => w.operationType).sort()).toEqual([
      'CreateImage',
      'CreateImage',
      'CreateImage',
      'LaunchInstance',
    ]);
  });

  it('fails an export whose PAR was deleted, with an error entry and the image AVAILABLE again', async () => {
    const os = kit.client(ObjectStorageClient);
    const ns = (await os.getNamespace({})).value;
    const bucketName = uid('b');
    await os.createBucket({
      namespaceName: ns,
      createBucketDetails: { name: bucketName, compartmentId: kit.tenancyId },
    });
    const imageId = (await compute.createImage({ createImageDetails: { compartmentId: kit.tenancyId, instanceId } }))
      .image.id;
    await waitFor(async () => (await compute.getImage({ imageId })).image.lifecycleState === 'AVAILABLE');
    const par = (
      await os.createPreauthenticatedRequest({
        namespaceName: ns,
        bucketName,
        createPreauthenticatedRequestDetails: {
          name: 'p',
          objectName: 'disk.vmdk',
          accessType: 'ObjectWrite' as never,
          timeExpires: new Date(Date.now() + 3600_000),
        },
      })
    ).preauthenticatedRequest;
    const r = await compute.exportImage({
      imageId,
      exportImageDetails: {
        destinationType: 'objectStorageUri',
        destinationUri: kit.fx.emu.url + par.accessUri,
        exportFormat: 'VMDK',
      } as models.ExportImageViaObjectStorageUriDetails,
    });
    await os.deletePreauthenticatedRequest({ namespaceName: ns, bucketName, parId: par.id });
    await waitFor(
      async () => (await wrs.getWorkRequest({ workRequestId: r.opcWorkRequestId })).workRequest.status === 'FAILED',
      { what: 'FAILED export' },
    );
    const errors = (await wrs.listWorkRequestErrors({ workRequestId: r.opcWorkRequestId })).items;
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain('disk.vmdk');
    expect((await compute.getImage({ imageId })).image.lifecycleState).toBe('AVAILABLE');
    expect((await failure(os.headObject({ namespaceName: ns, bucketName, objectName: 'disk.vmdk' }))).statusCode).toBe(
      404,
    );
  });

  it('answers 404 and 400 for unknown and malformed ids', async () => {
    expect(
      (await failure(wrs.getWorkRequest({ workRequestId: 'ocid1.workrequest.oc1.iad.aaaaaaaanone' }))).statusCode,
    ).toBe(404);
    expect((await failure(wrs.listWorkRequestLogs({ workRequestId: 'nope' }))).statusCode).toBe(400);
  });
});
