/**
 * The quota function: the `quota` subschema (invoke, from the gateway) and the bucket's object
 * events (from the Events rule on user-files), which settle the books.
 */
import { objectEventOf, startFunction } from '#shared/fn/index.ts';
import { executeSubschemaRequest } from '#shared/graphql/index.ts';
import { createLogger } from '#shared/log.ts';
import { fromEnv } from './deps-oci.ts';
import { quotaSchema } from './schema.ts';

const deps = fromEnv({ log: createLogger({ base: { fn: 'quota' } }) });

startFunction({
  name: 'quota',
  invoke: (body, call) =>
    executeSubschemaRequest({
      schema: quotaSchema,
      body,
      call,
      createContext: (base) => ({ ...base, ledger: deps.ledger }),
    }),
  event: async (event, call) => {
    const o = objectEventOf(event);
    const outcome = await deps.settlement.settle({
      eventId: event.eventID,
      action: o.action,
      namespace: o.namespace,
      bucket: o.bucket,
      objectName: o.objectName,
      ...(o.eTag ? { eTag: o.eTag } : {}),
    });
    call.log.info('object event settled', { eventId: event.eventID, action: o.action, object: o.objectName, outcome });
    return { outcome };
  },
});
