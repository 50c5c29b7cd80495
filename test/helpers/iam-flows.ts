/**
 * The world of the IAM statements test (iam-statements.test.ts): an emulator with the demo tenancy, the
 * deployment's buckets and tables, a registered function per manifest function, the resource principals of
 * each function, API Gateway, the Events service and the schedule; and one flow per IAM flow of
 * deployment/iam.ts: the OCI calls that flow makes, through the functions' own adapters where they have
 * one, each signed by the principal that makes it on OCI.
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
import { FLOWS, type Flow } from '#deployment/iam.ts';
import { BUCKETS, EXPORTS_BUCKET, FILES_BUCKET, FUNCTIONS, TABLES, type FunctionName } from '#deployment/manifest.ts';
import { newOcid } from '#local/emulator/core/ids.ts';
import type { IamDenial } from '#local/emulator/iam/index.ts';
import { seedDemoTenancy } from '#local/emulator/seed/index.ts';
import type { FunctionsProvider } from '#local/emulator/services/functions/provider.ts';
import { createInvokeClient } from '#local/invoke/index.ts';
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

type Auth = common.AuthenticationDetailsProvider;

const must = <V>(v: V | undefined, what: string): V => {
  if (v === undefined) throw new Error(`${what}: nothing`);
  return v;
};

/** The emulator and the principals the flows run as; `startIamWorld` fills what the emulator hands out. */
export interface IamWorld {
  fx: EmulatorFixture;
  stateDir: string;
  /** the tenancy OCID (the deployment's compartment) */
  T: string;
  ns: string;
  /** every IAM denial the emulator reported */
  denials: IamDenial[];
  fnIds: Record<FunctionName, string>;
  scheduleId: string;
  apiGatewayId: string;
  /** a running seeded instance (exports) and its compartment */
  instance: { id: string; compartmentId: string; imageId: string };
  auths: Record<FunctionName | 'apigateway' | 'events' | 'schedule', Auth>;
}

/** A world with its OCIDs chosen; `startIamWorld` (in `beforeAll`) starts it. */
export function newIamWorld(): IamWorld {
  return {
    denials: [],
    fnIds: Object.fromEntries(FUNCTIONS.map((f) => [f, newOcid('fnfunc')])) as Record<FunctionName, string>,
    scheduleId: newOcid('resourceschedule'),
    apiGatewayId: newOcid('apigateway'),
    auths: {} as IamWorld['auths'],
  } as Partial<IamWorld> as IamWorld;
}

/** Start the emulator, seed and provision it, register the functions and make every principal. */
export async function startIamWorld(w: IamWorld): Promise<void> {
  w.stateDir = tempDir('iam-stmts');
  w.fx = await startEmulatorFixture({ stateDir: w.stateDir, iam: { onDenied: (d) => w.denials.push(d) } });
  w.T = w.fx.emu.tenancy.tenancyId;
  await seedDemoTenancy(w.fx.emu);
  ({ namespace: w.ns } = await provision({
    endpoint: w.fx.emu.url,
    auth: w.fx.auth,
    compartmentId: w.T,
    buckets: [...BUCKETS],
    tables: [...TABLES],
  }));
  const fns = w.fx.emu.provider<FunctionsProvider>('functions')!;
  for (const f of FUNCTIONS)
    fns.register(
      w.fnIds[f],
      {
        invoke: async () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from('{}') }),
      },
      { displayName: f, compartmentId: w.T },
    );
  for (const f of FUNCTIONS)
    w.auths[f] = localPrincipalAuth(w.fx.emu.tenancy, {
      kind: 'resource',
      resourceType: 'fnfunc',
      resourceId: w.fnIds[f],
      compartmentId: w.T,
    });
  w.auths.apigateway = localPrincipalAuth(w.fx.emu.tenancy, {
    kind: 'resource',
    resourceType: 'ApiGateway',
    resourceId: w.apiGatewayId,
    compartmentId: w.T,
  });
  w.auths.events = localPrincipalAuth(w.fx.emu.tenancy, { kind: 'service', serviceName: 'cloudEvents' });
  w.auths.schedule = localPrincipalAuth(w.fx.emu.tenancy, {
    kind: 'resource',
    resourceType: 'resourceschedule',
    resourceId: w.scheduleId,
    compartmentId: w.T,
  });
  // a running w.instance of the demo tenancy, found as the admin
  const admin = w.fx.point(new ComputeClient({ authenticationDetailsProvider: w.fx.auth }));
  const id = w.fx.point(new IdentityClient({ authenticationDetailsProvider: w.fx.auth }));
  const comps = [
    w.T,
    ...(
      await id.listCompartments({ compartmentId: w.T, compartmentIdInSubtree: true, accessLevel: 'ANY' as never })
    ).items.map((c) => c.id),
  ];
  for (const c of comps) {
    const running = (await admin.listInstances({ compartmentId: c, lifecycleState: 'RUNNING' as never })).items[0];
    if (running) {
      const full = (await admin.getInstance({ instanceId: running.id })).instance;
      w.instance = {
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
  must(w.instance, 'a running seeded instance');
}

/** The flows of deployment/iam.ts (all but the deploy-only ones), each the OCI calls it exists for. */
export function iamFlows(w: IamWorld): Record<Exclude<Flow, typeof FLOWS.deployOnly>, () => Promise<void>> {
  function client<C extends { endpoint: string }>(
    Class: new (...a: never[]) => C,
    who: keyof typeof w.auths,
    service: string,
  ): C {
    return createOciClient(Class as never, { service, auth: w.auths[who], endpoint: w.fx.emu.url }) as C;
  }
  const nosqlAs = (who: FunctionName) => client(NosqlClient, who, 'NOSQL');
  const storeAs = (who: FunctionName) =>
    createOciObjectStore({ client: client(ObjectStorageClient, who, 'OBJECTSTORAGE'), namespace: w.ns });
  async function rowsRoundTrip(who: FunctionName, def: { name: string; primaryKey: readonly string[] }) {
    const t = new OciNosqlTable<Record<string, unknown>>(def as never, { client: nosqlAs(who), compartmentId: w.T });
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
    const r = await createInvokeClient({ endpoint: w.fx.emu.url, auth: w.auths[who] }).invoke({
      functionId: w.fnIds[fn],
      headers: { 'content-type': 'application/json', ...headers },
      body: Buffer.from('{}'),
    });
    if (r.status !== 200) throw new Error(`invoke ${fn} as ${who}: ${r.status} ${r.body.toString()}`);
  }
  async function putAsAdmin(bucket: string, name: string) {
    const os = w.fx.point(new ObjectStorageClient({ authenticationDetailsProvider: w.fx.auth }));
    await os.putObject({
      namespaceName: w.ns,
      bucketName: bucket,
      objectName: name,
      putObjectBody: Buffer.from('x'),
      contentLength: 1,
    });
  }
  return {
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
        await id.listCompartments({ compartmentId: w.T, compartmentIdInSubtree: true, accessLevel: 'ANY' as never })
      ).items;
      if (!comps.length) throw new Error('no compartments');
      await id.getCompartment({ compartmentId: w.instance.compartmentId });
      const items = (await compute.listInstances({ compartmentId: w.instance.compartmentId })).items;
      if (!items.some((i) => i.id === w.instance.id)) throw new Error('instance not listed');
      await compute.getInstance({ instanceId: w.instance.id });
      const att = (
        await compute.listVnicAttachments({ compartmentId: w.instance.compartmentId, instanceId: w.instance.id })
      ).items[0];
      const vnic = (await vn.getVnic({ vnicId: must(att?.vnicId, 'vnic attachment') })).vnic;
      await vn.listPrivateIps({ vnicId: vnic.id });
      await vn.listPublicIps({ scope: 'REGION' as never, compartmentId: w.instance.compartmentId });
      await compute.getImage({ imageId: w.instance.imageId });
      await compute.listShapes({ compartmentId: w.instance.compartmentId });
    },
    [FLOWS.resourcesServices]: async () => {
      const c = w.instance.compartmentId;
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
        compartmentId: w.instance.compartmentId,
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
      const c = w.instance.compartmentId;
      const image = must(
        (
          await compute.listImages({
            compartmentId: c,
            operatingSystem: 'Oracle Linux',
            shape: 'VM.Standard.E2.1.Micro',
          })
        ).items[0],
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
      must(await oci.getInstance(w.instance.id), 'instance');
      await store.list({ bucket: EXPORTS_BUCKET, prefix: 'x/', limit: 1 });
      const { imageId, workRequestId } = await oci.createImage({
        compartmentId: w.T,
        instanceId: w.instance.id,
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
        namespace: w.ns,
        bucket: EXPORTS_BUCKET,
        objectName,
        format: 'QCOW2',
        retryToken: randomUUID(),
      });
      await waitFor(async () => (await oci.get(exp.workRequestId))?.status === 'SUCCEEDED', {
        what: 'export SUCCEEDED',
      });
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
}
