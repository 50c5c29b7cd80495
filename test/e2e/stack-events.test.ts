/**
 * E2E of the event path through the whole stack: an object written to `user-files` (bucket created
 * by the stack with object events on) → emulator event → Events router rule → the quota function in
 * a real container, which answers 2xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as common from 'oci-common';
import { ObjectStorageClient } from 'oci-objectstorage';
import { startStackFixture, type StackFixture } from '../helpers/stack.ts';
import { uid, waitFor } from '../helpers/emulator.ts';

let fx: StackFixture;
beforeAll(async () => {
  fx = await startStackFixture({ require: ['gateway', 'quota'] });
});
afterAll(async () => {
  await fx?.stop();
});

describe('local stack events (e2e)', () => {
  it('delivers a user-files object event to the quota function', async () => {
    const auth = new common.ConfigFileAuthenticationDetailsProvider(fx.stack.ociConfigFile, 'DEFAULT');
    const os = new ObjectStorageClient({ authenticationDetailsProvider: auth });
    os.endpoint = fx.stack.urls.emulator;
    const namespaceName = (await os.getNamespace({})).value;
    const objectName = `datasets/${uid('user')}/${uid('ds')}/data.csv`;
    await os.putObject({
      namespaceName,
      bucketName: 'user-files',
      objectName,
      putObjectBody: Buffer.from('a,b\n1,2\n'),
    });
    const done = await waitFor(
      () =>
        fx.stack.router
          .deliveries()
          .find((d) => d.resourceName === objectName && (d.outcome === 'delivered' || d.outcome === 'failed')),
      { timeoutMs: 30_000, what: 'the quota delivery' },
    );
    expect(done, fx.runnerLog.slice(-20).join('\n')).toMatchObject({
      rule: 'user-files-to-quota',
      functionId: fx.stack.functionIds.quota,
      outcome: 'delivered',
      status: 200,
      eventType: 'com.oraclecloud.objectstorage.createobject',
    });
    os.close();
  });
});
