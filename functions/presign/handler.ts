/** The presign function: the `presign` subschema over the invoke protocol (from the gateway). */
import { startFunction } from '#shared/fn/index.ts';
import { executeSubschemaRequest } from '#shared/graphql/index.ts';
import { createLogger } from '#shared/log.ts';
import { fromEnv } from './deps-oci.ts';
import { presignSchema } from './schema.ts';

const { presign } = fromEnv({ log: createLogger({ base: { fn: 'presign' } }) });

startFunction({
  name: 'presign',
  invoke: (body, call) =>
    executeSubschemaRequest({ schema: presignSchema, body, call, createContext: (base) => ({ ...base, presign }) }),
});
