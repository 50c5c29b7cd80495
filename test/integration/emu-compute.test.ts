/** Compute provider through ComputeClient: launch, transitions, actions, retry tokens, lists, terminate. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComputeClient, VirtualNetworkClient, models, requests } from 'oci-core';
import { IdentityClient } from 'oci-identity';
import { WorkRequestClient } from 'oci-workrequests';
import { waitFor } from '../helpers/emulator.ts';
import { allPages, failure, startKit, uid, type Kit } from './emu-kit.ts';

let kit: Kit;
let compute: ComputeClient;
let network: VirtualNetworkClient;
let compartmentId: string;
let subnetId: string;
let ubuntuId: string;
const SSH = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGvUa2ZkYuTBxA1lZpVqvB0pY0R0s5n1fV2mJx5Qz9Xb test@local';

async function state(id: string): Promise<string> {
  return (await compute.getInstance({ instanceId: id })).instance.lifecycleState;
}
function launchDetails(o: Partial<models.LaunchInstanceDetails> = {}): models.LaunchInstanceDetails {
  return {
    compartmentId,
    availabilityDomain: 'Uocm:US-ASHBURN-AD-1',
    shape: 'VM.Standard.E4.Flex',
    displayName: uid('vm'),
    shapeConfig: { ocpus: 2, memoryInGBs: 16 },
    sourceDetails: {
      sourceType: 'image',
      imageId: ubuntuId,
      bootVolumeSizeInGBs: 60,
    } as models.InstanceSourceViaImageDetails,
    createVnicDetails: { subnetId, assignPublicIp: true },
    metadata: { ssh_authorized_keys: SSH, user_data: Buffer.from('#cloud-config\n').toString('base64') },
    freeformTags: { app: 'demo' },
    ...o,
  };
}

beforeAll(async () => {
  // Some assertions read a state between two transitions (PROVISIONING, TERMINATING): give them a
  // window wide enough that a loaded CI machine does not step over it.
  process.env.EMULATOR_TRANSITION_MS = '1000';
  kit = await startKit();
  compute = kit.client(ComputeClient);
  network = kit.client(VirtualNetworkClient);
  const identity = kit.client(IdentityClient);
  compartmentId = (
    await identity.createCompartment({
      createCompartmentDetails: { compartmentId: kit.tenancyId, name: uid('cmp'), description: 'compute tests' },
    })
  ).compartment.id;
  const vcn = (
    await network.createVcn({ createVcnDetails: { compartmentId, cidrBlock: '10.0.0.0/16', displayName: uid('vcn') } })
  ).vcn;
  subnetId = (
    await network.createSubnet({ createSubnetDetails: { compartmentId, vcnId: vcn.id, cidrBlock: '10.0.1.0/24' } })
  ).subnet.id;
  const images = await compute.listImages({
    compartmentId,
    operatingSystem: 'Canonical Ubuntu',
    operatingSystemVersion: '24.04',
    shape: 'VM.Standard.E4.Flex',
    sortBy: requests.ListImagesRequest.SortBy.Timecreated,
    sortOrder: requests.ListImagesRequest.SortOrder.Desc,
  });
  ubuntuId = images.items[0]!.id;
  expect(images.items[0]!.displayName).toBe('Canonical-Ubuntu-24.04-2025.01.31-0');
});
afterAll(async () => {
  await kit.fx.stop();
});

describe('launch', () => {
  it('answers PROVISIONING with the requested shape, source and metadata, then turns RUNNING with a VNIC', async () => {
    const r = await compute.launchInstance({ launchInstanceDetails: launchDetails() });
    const inst = r.instance;
    expect(inst.lifecycleState).toBe('PROVISIONING');
    expect(inst.shapeConfig).toMatchObject({ ocpus: 2, memoryInGBs: 16 });
    expect(inst.sourceDetails).toMatchObject({ sourceType: 'image', imageId: ubuntuId, bootVolumeSizeInGBs: 60 });
    expect(inst.metadata?.ssh_authorized_keys).toBe(SSH);
    expect(inst.freeformTags).toEqual({ app: 'demo' });
    expect(r.opcWorkRequestId).toMatch(/^ocid1\.workrequest\./);
    await waitFor(async () => (await state(inst.id)) === 'RUNNING', { what: 'RUNNING' });
    const atts = await compute.listVnicAttachments({ compartmentId, instanceId: inst.id });
    expect(atts.items).toHaveLength(1);
    const vnic = (await network.getVnic({ vnicId: atts.items[0]!.vnicId! })).vnic;
    expect(vnic.privateIp).toMatch(/^10\.0\.1\.\d+$/);
    expect(vnic.publicIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const wr = await kit.client(WorkRequestClient).getWorkRequest({ workRequestId: r.opcWorkRequestId });
    expect(wr.workRequest).toMatchObject({
      operationType: 'LaunchInstance',
      status: 'SUCCEEDED',
      percentComplete: 100,
    });
  });

  it('refuses bad input with 400 and launches nothing', async () => {
    const before = (await compute.listInstances({ compartmentId })).items.length;
    const cases: Partial<models.LaunchInstanceDetails>[] = [
      { shape: 'VM.Nope.1' },
      { shapeConfig: { ocpus: 1, memoryInGBs: 2000 } },
      { metadata: { user_data: 'not base64!' } },
      { metadata: { ssh_authorized_keys: 'hello' } },
      { shape: 'VM.Standard.A1.Flex' },
      { compartmentId: 'ocid1.compartment.bad' },
    ];
    for (const c of cases) {
      const e = await failure(compute.launchInstance({ launchInstanceDetails: launchDetails(c) }));
      expect(e.statusCode, JSON.stringify(c)).toBe(400);
    }
    expect((await compute.listInstances({ compartmentId })).items.length).toBe(before);
  });

  it('honours opc-retry-token: same body → same instance, other body → 409 InvalidatedRetryToken', async () => {
    const details = launchDetails();
    const token = uid('tok');
    const a = await compute.launchInstance({ launchInstanceDetails: details, opcRetryToken: token });
    const b = await compute.launchInstance({ launchInstanceDetails: details, opcRetryToken: token });
    expect(b.instance.id).toBe(a.instance.id);
    const e = await failure(
      compute.launchInstance({
        launchInstanceDetails: { ...details, displayName: uid('other') },
        opcRetryToken: token,
      }),
    );
    expect(e.statusCode).toBe(409);
    expect(e.serviceCode).toBe('InvalidatedRetryToken');
    expect((await compute.listInstances({ compartmentId, displayName: details.displayName! })).items).toHaveLength(1);
  });
});

describe('instance actions', () => {
  it(
    'moves RUNNING → STOPPING → STOPPED → STARTING → RUNNING and refuses invalid transitions with 409 ' +
      'IncorrectState',
    async () => {
      const id = (await compute.launchInstance({ launchInstanceDetails: launchDetails() })).instance.id;
      const early = await failure(compute.instanceAction({ instanceId: id, action: 'STOP' }));
      expect([early.statusCode, early.serviceCode]).toEqual([409, 'IncorrectState']);
      await waitFor(async () => (await state(id)) === 'RUNNING');
      expect((await compute.instanceAction({ instanceId: id, action: 'STOP' })).instance.lifecycleState).toBe(
        'STOPPING',
      );
      await waitFor(async () => (await state(id)) === 'STOPPED', { what: 'STOPPED' });
      expect((await compute.instanceAction({ instanceId: id, action: 'SOFTSTOP' })).instance.lifecycleState).toBe(
        'STOPPED',
      );
      const reset = await failure(compute.instanceAction({ instanceId: id, action: 'RESET' }));
      expect([reset.statusCode, reset.serviceCode]).toEqual([409, 'IncorrectState']);
      expect((await compute.instanceAction({ instanceId: id, action: 'START' })).instance.lifecycleState).toBe(
        'STARTING',
      );
      await waitFor(async () => (await state(id)) === 'RUNNING', { what: 'RUNNING again' });
      expect((await compute.instanceAction({ instanceId: id, action: 'SOFTRESET' })).instance.lifecycleState).toBe(
        'STOPPING',
      );
      await waitFor(async () => (await state(id)) === 'RUNNING', { what: 'RUNNING after reset' });
      const bad = await failure(compute.instanceAction({ instanceId: id, action: 'JUMP' }));
      expect(bad.statusCode).toBe(400);
    },
  );

  it('terminates (TERMINATING → TERMINATED), after which the subnet can be deleted', async () => {
    const vcn = (await network.createVcn({ createVcnDetails: { compartmentId, cidrBlock: '10.9.0.0/16' } })).vcn;
    const sub = (
      await network.createSubnet({ createSubnetDetails: { compartmentId, vcnId: vcn.id, cidrBlock: '10.9.0.0/24' } })
    ).subnet;
    const id = (
      await compute.launchInstance({
        launchInstanceDetails: launchDetails({ createVnicDetails: { subnetId: sub.id } }),
      })
    ).instance.id;
    const blocked = await failure(network.deleteSubnet({ subnetId: sub.id }));
    expect([blocked.statusCode, blocked.serviceCode]).toEqual([409, 'Conflict']);
    const t = await compute.terminateInstance({ instanceId: id, preserveBootVolume: false });
    expect(t.opcWorkRequestId).toBeTruthy();
    expect(await state(id)).toBe('TERMINATING');
    const act = await failure(compute.instanceAction({ instanceId: id, action: 'START' }));
    expect(act.statusCode).toBe(409);
    await waitFor(async () => (await state(id)) === 'TERMINATED', { what: 'TERMINATED' });
    await network.deleteSubnet({ subnetId: sub.id });
    await network.deleteVcn({ vcnId: vcn.id });
  });
});

describe('reads', () => {
  it('pages ListInstances with limit and opc-next-page, and filters by lifecycleState', async () => {
    const identity = kit.client(IdentityClient);
    const cid = (
      await identity.createCompartment({
        createCompartmentDetails: { compartmentId: kit.tenancyId, name: uid('page'), description: 'paging' },
      })
    ).compartment.id;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        (await compute.launchInstance({ launchInstanceDetails: launchDetails({ compartmentId: cid }) })).instance.id,
      );
    const { items, pages } = await allPages((page) =>
      compute.listInstances({ compartmentId: cid, limit: 2, ...(page ? { page } : {}) }),
    );
    expect(pages).toBe(3);
    expect(items.map((i) => i.id).sort()).toEqual([...ids].sort());
    await waitFor(
      async () =>
        (await compute.listInstances({ compartmentId: cid, lifecycleState: models.Instance.LifecycleState.Running }))
          .items.length === 5,
    );
    const asc = await compute.listInstances({
      compartmentId: cid,
      sortBy: requests.ListInstancesRequest.SortBy.Timecreated,
      sortOrder: requests.ListInstancesRequest.SortOrder.Asc,
    });
    expect(asc.items.map((i) => i.id)).toEqual(ids);
  });

  it('answers 404 for an unknown OCID, 400 for a malformed one, 400 for a bad page token', async () => {
    const nf = await failure(
      compute.getInstance({ instanceId: 'ocid1.instance.oc1.iad.aaaaaaaaunknownunknownunknown' }),
    );
    expect([nf.statusCode, nf.serviceCode]).toEqual([404, 'NotAuthorizedOrNotFound']);
    const bad = await failure(compute.getInstance({ instanceId: 'not-an-ocid' }));
    expect([bad.statusCode, bad.serviceCode]).toEqual([400, 'InvalidParameter']);
    const page = await failure(compute.listInstances({ compartmentId, page: 'garbage' }));
    expect(page.statusCode).toBe(400);
  });

  it('lists shapes including the Always Free and flexible ones, and images filtered by shape', async () => {
    const shapes = (await compute.listShapes({ compartmentId })).items.map((s) => s.shape);
    expect(shapes).toEqual(
      expect.arrayContaining(['VM.Standard.E2.1.Micro', 'VM.Standard.E4.Flex', 'VM.Standard.A1.Flex']),
    );
    const arm = await compute.listImages({ compartmentId, shape: 'VM.Standard.A1.Flex' });
    expect(arm.items.length).toBeGreaterThan(0);
    expect(arm.items.every((i) => i.displayName!.includes('aarch64'))).toBe(true);
    const u22 = await compute.listImages({
      compartmentId,
      operatingSystem: 'Canonical Ubuntu',
      operatingSystemVersion: '22.04',
    });
    expect(u22.items.length).toBeGreaterThan(0);
    expect(u22.items.every((i) => i.operatingSystemVersion === '22.04')).toBe(true);
  });

  it('answers 501 naming an operation it does not implement', async () => {
    const e = await failure(
      compute.getWindowsInstanceInitialCredentials({ instanceId: 'ocid1.instance.oc1.iad.aaaaaaaax' }),
    );
    expect(e.statusCode).toBe(501);
    expect(e.message).toContain('GetWindowsInstanceInitialCredentials');
  });
});
