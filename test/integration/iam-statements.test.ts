/**
 * The deployment's IAM model (deployment/iam.ts) against the emulator's policy engine, at the level
 * of the OCI calls each function makes (the same adapters and SDK calls, each signed by that
 * function's own resource principal; API Gateway, the Events service and the schedule by theirs):
 * - with every statement, every flow works;
 * - removing any one statement makes the flow it is declared for fail, and the emulator answers a
 *   404 (NotAuthorizedOrNotFound; BucketNotFound for Object Storage bucket operations) and logs the
 *   missing permission (a statement no flow needs would fail this test);
 * - a function no dynamic group matches is refused.
 * Flows are the functions' OCI calls rather than the whole e2e stack so every removal runs in seconds.
 */
import { randomUUID } from 'node:crypto';
import { ComputeClient, VirtualNetworkClient, type models as core } from 'oci-core';
import { ContainerEngineClient } from 'oci-containerengine';
import { DatabaseClient } from 'oci-database';
import { DbSystemClient } from 'oci-mysql';
import { GatewayClient, DeploymentClient } from 'oci-apigateway';
import { IdentityClient } from 'oci-identity';
import { LoadBalancerClient } from 'oci-loadbalancer';
import { MonitoringClient } from 'oci-monitoring';
import { NosqlClient } from 'oci-nosql';
import { ObjectStorageClient } from 'oci-objectstorage';
import { WorkRequestClient } from 'oci-workrequests';
import type * as common from 'oci-common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOWS, STATEMENTS, renderIam, type Flow } from '#deployment/iam.ts';
import { BUCKETS, EXPORTS_BUCKET, FILES_BUCKET, FUNCTIONS, TABLES, type FunctionName } from '#deployment/manifest.ts';
import { newOcid } from '#local/emulator/core/ids.ts';
import type { IamDenial } from '#local/emulator/iam/index.ts';
import { seedDemoTenancy } from '#local/emulator/seed/index.ts';
import type { FunctionsProvider } from '#local/emulator/services/functions/provider.ts';
import { createInvokeClient } from '#local/invoke/index.ts';
import { loadStackPolicies } from '#local/stack/iam.ts';
import { localPrincipalAuth } from '#local/stack/principals.ts';
import { provision } from '#local/stack/provision-oci.ts';
import { createOciClient } from '#shared/oci/index.ts';
import { OciNosqlTable } from '#shared/persistence/nosql-oci.ts';
import { QUOTA_TABLES } from '#shared/storage/tables.ts';
import { createOciObjectStore } from '#shared/storage/objectstorage-oci.ts';
import { createExportsCompute } from '../../functions/exports/compute-oci.ts';
import { EXPORT_JOBS_TABLE } from '../../functions/exports/tables.ts';
import { CACHE_TABLE } from '../../functions/resources/tables.ts';
import { startEmulatorFixture, tempDir, waitFor, type EmulatorFixture } from '../helpers/emulator.ts';

process.env.EMULATOR_TRANSITION_MS = '30';
process.env.EMULATOR_IMAGE_WORK_MS = '60';
process.env.OCI_RETRY_MAX_ATTEMPTS = '1';

let fx: EmulatorFixture;
let stateDir: string;
let T: string;
let ns: string;
const denials: IamDenial[] = [];
const fnIds = Object.fromEntries(FUNCTIONS.map((f) => [f, newOcid('fnfunc')])) as Record<FunctionName, string>;
const scheduleId = newOcid('resourceschedule');
const apiGatewayId = newOcid('apigateway');
/** a running seeded instance (exports) and its compartment */
let instance: { id: string; compartmentId: string; imageId: string };

type Auth = common.AuthenticationDetailsProvider;
const auths = {} as Record<FunctionName | 'apigateway' | 'events' | 'schedule', Auth>;
function client<C extends { endpoint: string }>(
  Class: new (...a: never[]) => C,
  who: keyof typeof auths,
  service: string,
): C {
  return createOciClient(Class as never, { service, auth: auths[who], endpoint: fx.emu.url }) as C;
}
const nosqlAs = (who: FunctionName) => client(NosqlClient, who, 'NOSQL');
const storeAs = (who: FunctionName) =>
  createOciObjectStore({ client: client(ObjectStorageClient, who, 'OBJECTSTORAGE'), namespace: ns });
const must = <T>(v: T | undefined, what: string): T => {
  if (v === undefined) throw new Error(`${what}: nothing`);
  return v;
};
async function rowsRoundTrip(who: FunctionName, def: { name: string; primaryKey: readonly string[] }) {
  const t = new OciNosqlTable<Record<string, unknown>>(def as never, { client: nosqlAs(who), compartmentId: T });
  const key = def.primaryKey[0]!;
  const row = { [key]: randomUUID(), data: { n: 1 } } as Record<string, unknown>;
  if (def.name === CACHE_TABLE.name) Object.assign(row, { payload: '{}', storedAt: Date.now() });
  if (def.name === EXPORT_JOBS_TABLE.name)
    Object.assign(row, { state: 'PENDING', needsWork: false, updatedAt: Date.now() });
  const put = await t.put(row as never);
  if (!put.ok) throw new Error('put refused');
  must(await t.get({ [key]: row[key] } as never), 'row');
  await t.query(`SELECT * FROM {table} t WHERE t.${key} = $k`, { variables: { $k: row[key] } } as never);
  await t.delete({ [key]: row[key] } as never);
}
async function invokeAs(
  who: 'gateway' | 'apigateway' | 'events' | 'schedule',
  fn: FunctionName,
  headers: Record<string, string> = {},
) {
  const r = await createInvokeClient({ endpoint: fx.emu.url, auth: auths[who] }).invoke({
    functionId: fnIds[fn],
    headers: { 'content-type': 'application/json', ...headers },
    body: Buffer.from('{}'),
  });
  if (r.status !== 200) throw new Error(`invoke ${fn} as ${who}: ${r.status} ${r.body.toString()}`);
}
async function putAsAdmin(bucket: string, name: string) {
  const os = fx.point(new ObjectStorageClient({ authenticationDetailsProvider: fx.auth }));
  await os.putObject({
    namespaceName: ns,
    bucketName: bucket,
    objectName: name,
    putObjectBody: Buffer.from('x'),
    contentLength: 1,
  });
}

const flows: Record<Exclude<Flow, typeof FLOWS.deployOnly>, () => Promise<void>> = {
  [FLOWS.gateway]: () => invokeAs('gateway', 'resources'),
  [FLOWS.apigateway]: () =>
    invokeAs('apigateway', 'gateway', {
      'fn-intent': 'httprequest',
      'fn-http-method': 'POST',
      'fn-http-request-url': '/graphql',
    }),
  [FLOWS.events]: async () => {
    await invokeAs('events', 'quota', { 'fn-intent': 'cloudevent' });
    await invokeAs('events', 'exports', { 'fn-intent': 'cloudevent' });
  },
  [FLOWS.schedule]: () => invokeAs('schedule', 'exports'),
  [FLOWS.presignUpload]: async () => {
    await rowsRoundTrip('presign', QUOTA_TABLES.usage);
    await storeAs('presign').createPar({
      bucket: FILES_BUCKET,
      objectName: `u/${randomUUID()}`,
      access: 'ObjectWrite',
      expiresAt: new Date(Date.now() + 60_000),
      name: 'upload',
    });
  },
  [FLOWS.presignFiles]: async () => {
    const name = `iam/${randomUUID()}`;
    await putAsAdmin(FILES_BUCKET, name);
    const s = storeAs('presign');
    if (!(await s.list({ bucket: FILES_BUCKET, prefix: 'iam/' })).objects.length) throw new Error('no files listed');
    must(await s.head({ bucket: FILES_BUCKET, objectName: name }), 'head');
    await s.createPar({
      bucket: FILES_BUCKET,
      objectName: name,
      access: 'ObjectRead',
      expiresAt: new Date(Date.now() + 60_000),
      name: 'download',
    });
    if (!(await s.delete({ bucket: FILES_BUCKET, objectName: name }))) throw new Error('not deleted');
  },
  [FLOWS.quota]: async () => {
    const name = `iam/${randomUUID()}`;
    await putAsAdmin(FILES_BUCKET, name);
    must(await storeAs('quota').head({ bucket: FILES_BUCKET, objectName: name }), 'head');
    for (const def of Object.values(QUOTA_TABLES)) await rowsRoundTrip('quota', def);
  },
  [FLOWS.resourcesCache]: () => rowsRoundTrip('resources', CACHE_TABLE),
  [FLOWS.resourcesInventory]: async () => {
    const id = client(IdentityClient, 'resources', 'IDENTITY');
    const compute = client(ComputeClient, 'resources', 'CORE');
    const vn = client(VirtualNetworkClient, 'resources', 'CORE');
    const comps = (
      await id.listCompartments({ compartmentId: T, compartmentIdInSubtree: true, accessLevel: 'ANY' as never })
    ).items;
    if (!comps.length) throw new Error('no compartments');
    await id.getCompartment({ compartmentId: instance.compartmentId });
    const items = (await compute.listInstances({ compartmentId: instance.compartmentId })).items;
    if (!items.some((i) => i.id === instance.id)) throw new Error('instance not listed');
    await compute.getInstance({ instanceId: instance.id });
    const att = (await compute.listVnicAttachments({ compartmentId: instance.compartmentId, instanceId: instance.id }))
      .items[0];
    const vnic = (await vn.getVnic({ vnicId: must(att?.vnicId, 'vnic attachment') })).vnic;
    await vn.listPrivateIps({ vnicId: vnic.id });
    await vn.listPublicIps({ scope: 'REGION' as never, compartmentId: instance.compartmentId });
    await compute.getImage({ imageId: instance.imageId });
    await compute.listShapes({ compartmentId: instance.compartmentId });
  },
  [FLOWS.resourcesServices]: async () => {
    const c = instance.compartmentId;
    await client(DatabaseClient, 'resources', 'DATABASE').listAutonomousDatabases({ compartmentId: c });
    await client(DbSystemClient, 'resources', 'MYSQL').listDbSystems({ compartmentId: c });
    await client(ContainerEngineClient, 'resources', 'CONTAINERENGINE').listClusters({ compartmentId: c });
    await client(ContainerEngineClient, 'resources', 'CONTAINERENGINE').listNodePools({ compartmentId: c });
    await client(GatewayClient, 'resources', 'APIGATEWAY').listGateways({ compartmentId: c });
    await client(DeploymentClient, 'resources', 'APIGATEWAY').listDeployments({ compartmentId: c });
    const lbs = client(LoadBalancerClient, 'resources', 'LOADBALANCER');
    await lbs.listLoadBalancers({ compartmentId: c });
  },
  [FLOWS.resourcesMetrics]: async () => {
    const end = new Date();
    await client(MonitoringClient, 'resources', 'MONITORING').summarizeMetricsData({
      compartmentId: instance.compartmentId,
      summarizeMetricsDataDetails: {
        namespace: 'oci_computeagent',
        query: 'CpuUtilization[1m].mean()',
        startTime: new Date(end.getTime() - 3_600_000),
        endTime: end,
      },
    });
  },
  [FLOWS.resourcesActions]: async () => {
    const compute = client(ComputeClient, 'resources', 'CORE');
    const vn = client(VirtualNetworkClient, 'resources', 'CORE');
    const c = instance.compartmentId;
    const image = must(
      (await compute.listImages({ compartmentId: c, operatingSystem: 'Oracle Linux', shape: 'VM.Standard.E2.1.Micro' }))
        .items[0],
      'a launchable image',
    );
    const vcn = (
      await vn.createVcn({
        createVcnDetails: { compartmentId: c, cidrBlock: '10.9.0.0/16', displayName: 'dash-vcn-test' },
      })
    ).vcn;
    const subnet = (
      await vn.createSubnet({ createSubnetDetails: { compartmentId: c, vcnId: vcn.id, cidrBlock: '10.9.0.0/24' } })
    ).subnet;
    const launched = (
      await compute.launchInstance({
        launchInstanceDetails: {
          compartmentId: c,
          availabilityDomain: 'Uocm:US-ASHBURN-AD-1',
          shape: 'VM.Standard.E2.1.Micro',
          displayName: `iam-${randomUUID().slice(0, 8)}`,
          sourceDetails: { sourceType: 'image', imageId: image.id } as core.InstanceSourceViaImageDetails,
          createVnicDetails: { subnetId: subnet.id },
        },
      })
    ).instance;
    await waitFor(
      async () => (await compute.getInstance({ instanceId: launched.id })).instance.lifecycleState === 'RUNNING',
      { what: 'RUNNING' },
    );
    await compute.instanceAction({ instanceId: launched.id, action: 'STOP' });
    await compute.terminateInstance({ instanceId: launched.id, preserveBootVolume: false });
    await waitFor(
      async () => (await compute.getInstance({ instanceId: launched.id })).instance.lifecycleState === 'TERMINATED',
      { what: 'TERMINATED' },
    );
    await vn.deleteSubnet({ subnetId: subnet.id });
    await vn.deleteVcn({ vcnId: vcn.id });
  },
  [FLOWS.exports]: async () => {
    await rowsRoundTrip('exports', EXPORT_JOBS_TABLE);
    const oci = createExportsCompute({
      compute: client(ComputeClient, 'exports', 'CORE'),
      workRequests: client(WorkRequestClient, 'exports', 'WORKREQUESTS'),
    });
    const store = storeAs('exports');
    must(await oci.getInstance(instance.id), 'instance');
    await store.list({ bucket: EXPORTS_BUCKET, prefix: 'x/', limit: 1 });
    const { imageId, workRequestId } = await oci.createImage({
      compartmentId: T,
      instanceId: instance.id,
      displayName: `img-${randomUUID().slice(0, 8)}`,
      freeformTags: {},
      retryToken: randomUUID(),
    });
    await waitFor(async () => (await oci.getImage(imageId))?.lifecycleState === 'AVAILABLE', {
      what: 'image AVAILABLE',
    });
    must(await oci.get(workRequestId), 'work request');
    const objectName = `x/${randomUUID()}.qcow2`;
    const exp = await oci.exportImage({
      imageId,
      namespace: ns,
      bucket: EXPORTS_BUCKET,
      objectName,
      format: 'QCOW2',
      retryToken: randomUUID(),
    });
    await waitFor(async () => (await oci.get(exp.workRequestId))?.status === 'SUCCEEDED', { what: 'export SUCCEEDED' });
    must(await store.head({ bucket: EXPORTS_BUCKET, objectName }), 'exported object');
    await store.createPar({
      bucket: EXPORTS_BUCKET,
      objectName,
      access: 'ObjectRead',
      expiresAt: new Date(Date.now() + 60_000),
      name: 'export',
    });
    await oci.deleteImage(imageId);
    if (await oci.getImage(imageId)) throw new Error('image not deleted');
    await store.delete({ bucket: EXPORTS_BUCKET, objectName });
  },
};

function policiesWithout(id: string | undefined, instanceManagement = true) {
  return loadStackPolicies({
    stateDir,
    functionIds: fnIds,
    appCompartmentId: T,
    scheduleId,
    exportBuckets: [EXPORTS_BUCKET],
    tablePrefix: '',
    instanceManagement,
    ...(id ? { without: [id] } : {}),
  }).set;
}
const renderedIds = (instanceManagement: boolean) => [
  ...new Set(
    renderIam({
      prefix: 'local',
      functionIds: fnIds,
      appCompartmentId: 'ocid1.tenancy.oc1..x',
      inventoryScope: 'tenancy',
      filesBucket: FILES_BUCKET,
      exportBuckets: [EXPORTS_BUCKET],
      tablePrefix: '',
      scheduleId,
      instanceManagement,
    }).statements.map((s) => s.id.split(':')[0]!),
  ),
];
const flowOf = (id: string) => STATEMENTS.find((s) => s.id === id)!.flow;

beforeAll(async () => {
  stateDir = tempDir('iam-stmts');
  fx = await startEmulatorFixture({ stateDir, iam: { onDenied: (d) => denials.push(d) } });
  T = fx.emu.tenancy.tenancyId;
  await seedDemoTenancy(fx.emu);
  ({ namespace: ns } = await provision({
    endpoint: fx.emu.url,
    auth: fx.auth,
    compartmentId: T,
    buckets: [...BUCKETS],
    tables: [...TABLES],
  }));
  const fns = fx.emu.provider<FunctionsProvider>('functions')!;
  for (const f of FUNCTIONS)
    fns.register(
      fnIds[f],
      {
        invoke: async () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from('{}') }),
      },
      { displayName: f, compartmentId: T },
    );
  for (const f of FUNCTIONS)
    auths[f] = localPrincipalAuth(fx.emu.tenancy, {
      kind: 'resource',
      resourceType: 'fnfunc',
      resourceId: fnIds[f],
      compartmentId: T,
    });
  auths.apigateway = localPrincipalAuth(fx.emu.tenancy, {
    kind: 'resource',
    resourceType: 'ApiGateway',
    resourceId: apiGatewayId,
    compartmentId: T,
  });
  auths.events = localPrincipalAuth(fx.emu.tenancy, { kind: 'service', serviceName: 'cloudEvents' });
  auths.schedule = localPrincipalAuth(fx.emu.tenancy, {
    kind: 'resource',
    resourceType: 'resourceschedule',
    resourceId: scheduleId,
    compartmentId: T,
  });
  // a running instance of the demo tenancy, found as the admin
  const admin = fx.point(new ComputeClient({ authenticationDetailsProvider: fx.auth }));
  const id = fx.point(new IdentityClient({ authenticationDetailsProvider: fx.auth }));
  const comps = [
    T,
    ...(
      await id.listCompartments({ compartmentId: T, compartmentIdInSubtree: true, accessLevel: 'ANY' as never })
    ).items.map((c) => c.id),
  ];
  for (const c of comps) {
    const running = (await admin.listInstances({ compartmentId: c, lifecycleState: 'RUNNING' as never })).items[0];
    if (running) {
      const full = (await admin.getInstance({ instanceId: running.id })).instance;
      instance = {
        id: full.id,
        compartmentId: c,
        imageId: must(
          full.imageId ?? (full.sourceDetails as core.InstanceSourceViaImageDetails | undefined)?.imageId,
          'image',
        ),
      };
      break;
    }
  }
  must(instance, 'a running seeded instance');
}, 120_000);

afterAll(async () => {
  await fx?.stop();
});

for (const instanceManagement of [true, false]) {
  describe(`the deployment policies (deployment/iam.ts) under the emulator IAM, allow_instance_management = ${instanceManagement}`, () => {
    const runnable = Object.keys(flows).filter(
      (f) => instanceManagement || f !== FLOWS.resourcesActions,
    ) as (keyof typeof flows)[];

    it('every statement parses, and with all of them every flow works', async () => {
      fx.emu.iam.setPolicies(policiesWithout(undefined, instanceManagement));
      const before = denials.length;
      for (const name of runnable) await expect(flows[name](), name).resolves.toBeUndefined();
      expect(denials.slice(before).map((d) => d.message)).toEqual([]);
      if (!instanceManagement)
        await expect(flows[FLOWS.resourcesActions](), 'read-only dashboard').rejects.toBeDefined();
    }, 120_000);

    it.each(renderedIds(instanceManagement).map((id) => [id, flowOf(id)] as const))(
      'without %s, "%s" fails with a 404 naming the missing permission',
      async (id, flowName) => {
        fx.emu.iam.setPolicies(policiesWithout(id, instanceManagement));
        const seq = fx.emu.requests.lastSeq;
        const before = denials.length;
        try {
          await expect(flows[flowName as keyof typeof flows](), `${id} removed`).rejects.toBeDefined();
          const refused = fx.emu.requests.query({ sinceSeq: seq }).filter((r) => r.missingPermission);
          expect(refused.length, 'a request refused by IAM').toBeGreaterThan(0);
          expect(refused[0]!.status).toBe(404);
          expect(['NotAuthorizedOrNotFound', 'BucketNotFound']).toContain(refused[0]!.code);
          expect(denials.length).toBeGreaterThan(before);
        } finally {
          fx.emu.iam.setPolicies(policiesWithout(undefined, instanceManagement));
        }
      },
      60_000,
    );
  });
}

describe('principals outside the model', () => {
  it('a function no dynamic group matches is refused, with the permission in the request log and onDenied', async () => {
    fx.emu.iam.setPolicies(policiesWithout(undefined));
    const stray = localPrincipalAuth(fx.emu.tenancy, {
      kind: 'resource',
      resourceType: 'fnfunc',
      resourceId: newOcid('fnfunc'),
      compartmentId: T,
    });
    const store = createOciObjectStore({
      client: createOciClient(ObjectStorageClient, { service: 'OBJECTSTORAGE', auth: stray, endpoint: fx.emu.url }),
      namespace: ns,
    });
    const seq = fx.emu.requests.lastSeq;
    await expect(store.list({ bucket: FILES_BUCKET, prefix: '' })).rejects.toBeDefined();
    expect(fx.emu.requests.query({ sinceSeq: seq }).find((r) => r.operation === 'ListObjects')).toMatchObject({
      status: 404,
      code: 'BucketNotFound',
      missingPermission: 'OBJECT_INSPECT',
    });
    expect(denials.at(-1)).toMatchObject({ operation: 'ListObjects', missingPermission: 'OBJECT_INSPECT' });
    expect(denials.at(-1)!.message).toContain('in no dynamic group');
  });
});
