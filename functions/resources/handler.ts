/** The resources function: serves the `resources` subschema over the invoke protocol. */
import { startFunction } from '#shared/fn/index.ts';
import { executeSubschemaRequest } from '#shared/graphql/index.ts';
import { createResourcesRuntimeFromEnv } from './deps-oci.ts';
import { resourcesSchema } from './schema.ts';

const runtime = createResourcesRuntimeFromEnv();

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
