/**
 * E2E of IAM in the local stack: the manifest's policies plus the user's STATE_DIR/iam/statements.txt
 * are loaded at start; without the Events service statement a bucket event no longer reaches quota,
 * the router records the refusal and the stack log names the missing permission; a bad line in the
 * statements file stops the start naming the line.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as common from 'oci-common';
import { ObjectStorageClient } from 'oci-objectstorage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORTS_BUCKET, FUNCTIONS, type FunctionName } from '#deployment/manifest.ts';
import { loadStackPolicies, userStatementsFile } from '#local/stack/iam.ts';
import { loadPrincipalIds } from '#local/stack/principals.ts';
import { startStack } from '#local/stack/stack.ts';
import { createLogger } from '#shared/log.ts';
import { startStackFixture, type StackFixture } from '../helpers/stack.ts';
import { tempDir, uid, waitFor } from '../helpers/emulator.ts';

const USER_STATEMENT = 'Allow dynamic-group local-quota to inspect buckets in tenancy';
let fx: StackFixture;
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  const stateDir = tempDir('stack-iam');
  mkdirSync(join(stateDir, 'iam'), { recursive: true });
  writeFileSync(userStatementsFile(stateDir), `# trying a change before applying it\n${USER_STATEMENT}\n`);
  fx = await startStackFixture({
    require: ['gateway', 'quota', 'exports'],
    stateDir,
    log: createLogger({
      level: 'info',
      base: { component: 'stack' },
      sink: (l) => void lines.push(JSON.parse(l) as Record<string, unknown>),
    }),
  });
});
afterAll(async () => {
  await fx?.stop();
});

describe('IAM in the local stack (e2e)', () => {
  it('loads the manifest statements and the user statements file at start', () => {
    const st = fx.stack.emulator.iam.statements();
    expect(st.find((s) => s.text === USER_STATEMENT)?.source).toBe(`${userStatementsFile(fx.stateDir)}:2`);
    expect(
      st.some(
        (s) =>
          s.text ===
          'Allow service cloudEvents to use functions-family in compartment id ' + fx.stack.emulator.tenancy.tenancyId,
      ),
    ).toBe(true);
    expect(lines.find((l) => String(l.msg).startsWith('IAM:'))).toMatchObject({ userStatements: 1 });
  });

  it(
    'without the Events service statement a bucket event is ' + 'refused, and the stack log names FN_INVOCATION',
    async () => {
      const ids = fx.stack.functionIds as Record<FunctionName, string>;
      for (const f of FUNCTIONS) ids[f] ??= `ocid1.fnfunc.oc1..absent${f}`;
      const emu = fx.stack.emulator;
      const full = emu.iam.policies();
      emu.iam.setPolicies(
        loadStackPolicies({
          stateDir: fx.stateDir,
          functionIds: ids,
          appCompartmentId: emu.tenancy.tenancyId,
          scheduleId: loadPrincipalIds(fx.stateDir).scheduleId,
          exportBuckets: [EXPORTS_BUCKET],
          tablePrefix: '',
          without: ['events-invoke'],
        }).set,
      );
      try {
        const os = new ObjectStorageClient({
          authenticationDetailsProvider: new common.ConfigFileAuthenticationDetailsProvider(
            fx.stack.ociConfigFile,
            'DEFAULT',
          ),
        });
        os.endpoint = fx.stack.urls.emulator;
        const namespaceName = (await os.getNamespace({})).value;
        const objectName = `datasets/${uid('user')}/${uid('ds')}/data.csv`;
        await os.putObject({ namespaceName, bucketName: 'user-files', objectName, putObjectBody: Buffer.from('a\n') });
        const done = await waitFor(
          () =>
            fx.stack.router
              .deliveries()
              .find((d) => d.resourceName === objectName && (d.outcome === 'failed' || d.outcome === 'delivered')),
          { timeoutMs: 30_000, what: 'the refused delivery' },
        );
        expect(done).toMatchObject({ outcome: 'failed', status: 404 });
        const denied = await waitFor(
          () => lines.find((l) => l.msg === 'denied: missing permission' && l.missingPermission === 'FN_INVOCATION'),
          { what: 'the denial in the stack log' },
        );
        expect(denied).toMatchObject({
          component: 'iam',
          principal: 'service cloudEvents',
          operation: 'functions InvokeFunction',
        });
        expect(emu.requests.query({ operation: 'InvokeFunction' }).at(-1)).toMatchObject({
          status: 404,
          code: 'NotAuthorizedOrNotFound',
          missingPermission: 'FN_INVOCATION',
          caller: 'cloudEvents',
        });
        os.close();
      } finally {
        emu.iam.setPolicies(full);
      }
    },
  );

  it('the schedule invokes exports with its own principal; without its statement it is refused', async () => {
    const ok = await fx.stack.reconcileExports();
    expect(ok.status, ok.body).toBe(200);
    expect(fx.stack.emulator.requests.query({ operation: 'InvokeFunction' }).at(-1)).toMatchObject({
      status: 200,
      caller: loadPrincipalIds(fx.stateDir).scheduleId,
    });
    const emu = fx.stack.emulator;
    const full = emu.iam.policies();
    emu.iam.setPolicies({ ...full, statements: full.statements.filter((s) => !s.source.endsWith('schedule-invoke')) });
    try {
      const refused = await fx.stack.reconcileExports();
      expect(refused.status).toBe(404);
      expect(JSON.parse(refused.body)).toMatchObject({ code: 'NotAuthorizedOrNotFound' });
    } finally {
      emu.iam.setPolicies(full);
    }
  });

  it('a bad line in the statements file stops the start, naming the file and line', async () => {
    const stateDir = tempDir('stack-iam-bad');
    mkdirSync(join(stateDir, 'iam'), { recursive: true });
    writeFileSync(userStatementsFile(stateDir), `${USER_STATEMENT}\nAllow group X to peek buckets in tenancy\n`);
    await expect(
      startStack({
        stateDir,
        port: 0,
        emulatorPort: 0,
        seed: false,
        log: createLogger({ level: 'error' }),
        distDir: join(stateDir, 'no-bundles'),
      }),
    ).rejects.toThrow(`${userStatementsFile(stateDir)}:2: unknown verb peek`);
  });
});
