/**
 * The deployment's IAM model (deployment/iam.ts) against the emulator's policy engine, at the level
 * of the OCI calls each function makes (the same adapters and SDK calls, each signed by that
 * function's own resource principal; API Gateway, the Events service and the schedule by theirs):
 * - with every statement, every flow works;
 * - removing any one statement makes the flow it is declared for fail, and the emulator answers a
 *   404 (NotAuthorizedOrNotFound; BucketNotFound for Object Storage bucket operations) and logs the
 *   missing permission (a statement no flow needs would fail this test);
 * - a function no dynamic group matches is refused.
 * Flows are the functions' OCI calls rather than the whole e2e stack so every removal runs in seconds; they
 * and the emulator they run against are in test/helpers/iam-flows.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObjectStorageClient } from 'oci-objectstorage';
import { FLOWS, STATEMENTS } from '#deployment/iam.ts';
import { renderIam } from '#deployment/iam-render.ts';
import { EXPORTS_BUCKET, FILES_BUCKET } from '#deployment/manifest.ts';
import { newOcid } from '#local/emulator/core/ids.ts';
import { loadStackPolicies } from '#local/stack/iam.ts';
import { localPrincipalAuth } from '#local/stack/principals.ts';
import { createOciClient } from '#shared/oci/index.ts';
import { createOciObjectStore } from '#shared/storage/objectstorage-oci.ts';
import { iamFlows, newIamWorld, startIamWorld } from '../helpers/iam-flows.ts';

process.env.EMULATOR_TRANSITION_MS = '30';
process.env.EMULATOR_IMAGE_WORK_MS = '60';
process.env.OCI_RETRY_MAX_ATTEMPTS = '1';
const w = newIamWorld();
const flows = iamFlows(w);

function policiesWithout(id: string | undefined, instanceManagement = true) {
  return loadStackPolicies({
    stateDir: w.stateDir,
    functionIds: w.fnIds,
    appCompartmentId: w.T,
    scheduleId: w.scheduleId,
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
      functionIds: w.fnIds,
      appCompartmentId: 'ocid1.tenancy.oc1..x',
      inventoryScope: 'tenancy',
      filesBucket: FILES_BUCKET,
      exportBuckets: [EXPORTS_BUCKET],
      tablePrefix: '',
      scheduleId: w.scheduleId,
      instanceManagement,
    }).statements.map((s) => s.id.split(':')[0]!),
  ),
];
const flowOf = (id: string) => STATEMENTS.find((s) => s.id === id)!.flow;

beforeAll(() => startIamWorld(w), 120_000);
afterAll(async () => {
  await w.fx?.stop();
});

for (const instanceManagement of [true, false]) {
  const title = 'the deployment policies (deployment/iam.ts) under the emulator IAM, allow_instance_management';
  describe(`${title} = ${instanceManagement}`, () => {
    const runnable = Object.keys(flows).filter(
      (f) => instanceManagement || f !== FLOWS.resourcesActions,
    ) as (keyof typeof flows)[];

    it('every statement parses, and with all of them every flow works', async () => {
      w.fx.emu.iam.setPolicies(policiesWithout(undefined, instanceManagement));
      const before = w.denials.length;
      for (const name of runnable) await expect(flows[name](), name).resolves.toBeUndefined();
      expect(w.denials.slice(before).map((d) => d.message)).toEqual([]);
      if (!instanceManagement)
        await expect(flows[FLOWS.resourcesActions](), 'read-only dashboard').rejects.toBeDefined();
    }, 120_000);

    it.each(renderedIds(instanceManagement).map((id) => [id, flowOf(id)] as const))(
      'without %s, "%s" fails with a 404 naming the missing permission',
      async (id, flowName) => {
        w.fx.emu.iam.setPolicies(policiesWithout(id, instanceManagement));
        const seq = w.fx.emu.requests.lastSeq;
        const before = w.denials.length;
        try {
          await expect(flows[flowName as keyof typeof flows](), `${id} removed`).rejects.toBeDefined();
          const refused = w.fx.emu.requests.query({ sinceSeq: seq }).filter((r) => r.missingPermission);
          expect(refused.length, 'a request refused by IAM').toBeGreaterThan(0);
          expect(refused[0]!.status).toBe(404);
          expect(['NotAuthorizedOrNotFound', 'BucketNotFound']).toContain(refused[0]!.code);
          expect(w.denials.length).toBeGreaterThan(before);
        } finally {
          w.fx.emu.iam.setPolicies(policiesWithout(undefined, instanceManagement));
        }
      },
      60_000,
    );
  });
}

describe('principals outside the model', () => {
  it(
    'a function no dynamic group matches is refused, with the ' + 'permission in the request log and onDenied',
    async () => {
      w.fx.emu.iam.setPolicies(policiesWithout(undefined));
      const stray = localPrincipalAuth(w.fx.emu.tenancy, {
        kind: 'resource',
        resourceType: 'fnfunc',
        resourceId: newOcid('fnfunc'),
        compartmentId: w.T,
      });
      const store = createOciObjectStore({
        client: createOciClient(ObjectStorageClient, { service: 'OBJECTSTORAGE', auth: stray, endpoint: w.fx.emu.url }),
        namespace: w.ns,
      });
      const seq = w.fx.emu.requests.lastSeq;
      await expect(store.list({ bucket: FILES_BUCKET, prefix: '' })).rejects.toBeDefined();
      expect(w.fx.emu.requests.query({ sinceSeq: seq }).find((r) => r.operation === 'ListObjects')).toMatchObject({
        status: 404,
        code: 'BucketNotFound',
        missingPermission: 'OBJECT_INSPECT',
      });
      expect(w.denials.at(-1)).toMatchObject({ operation: 'ListObjects', missingPermission: 'OBJECT_INSPECT' });
      expect(w.denials.at(-1)!.message).toContain('in no dynamic group');
    },
  );
});
