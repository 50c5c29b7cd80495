/** The presign function: the `presign` subschema over the invoke protocol (from the gateway). */
import { startFunction } from '#shared/fn/index.ts';
import { executeSubschemaRequest } from '#shared/graphql/index.ts';
import { createLogger } from '#shared/log.ts';
import { createQuotaDepsFromEnv } from '#shared/storage/deps-oci.ts';
import { presignSettingsFromEnv } from './config.ts';
import { presignSchema } from './schema.ts';
import { createPresignService } from '#shared/storage/presign.ts';

const log = createLogger({ base: { fn: 'presign' } });
const deps = createQuotaDepsFromEnv({ log });
const presign = createPresignService({ ...deps, settings: presignSettingsFromEnv(), log });

startFunction({
  name: 'presign',
  invoke: (body, call) =>
    executeSubschemaRequest({ schema: presignSchema, body, call, createContext: (base) => ({ ...base, presign }) }),
});
