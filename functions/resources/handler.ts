/** The resources function: serves the `resources` subschema over the invoke protocol. */
import { startFunction } from '#shared/fn/index.ts';
import { executeSubschemaRequest } from '#shared/graphql/index.ts';
import { fromEnv } from './deps-oci.ts';
import { resourcesSchema } from './schema.ts';

const runtime = fromEnv();

startFunction({
  name: 'resources',
  invoke: (body, call) =>
    executeSubschemaRequest({
      schema: resourcesSchema,
      body,
      call,
      createContext: (base) => runtime.createContext(base),
    }),
});
