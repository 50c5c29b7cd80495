/**
 * The exports function: the `exports` subschema (invoke from the gateway), the scheduled
 * reconcile (invoke body `{"task":"reconcileExports"}`), and the events that move jobs on (the
 * exports bucket's object events and the Compute image events, routed by Events rules).
 */
import { startFunction } from '#shared/fn/index.ts';
import { executeSubschemaRequest } from '#shared/graphql/index.ts';
import { createLogger } from '#shared/log.ts';
import { fromEnv } from './deps-oci.ts';
import { hintOf } from './events.ts';
import { exportsSchema } from './schema.ts';

const service = fromEnv({ log: createLogger({ base: { fn: 'exports' } }) });

const isReconcileTask = (body: unknown) =>
  typeof body === 'object' && body !== null && (body as { task?: unknown }).task === 'reconcileExports';

startFunction({
  name: 'exports',
  invoke: async (body, call) => {
    if (isReconcileTask(body)) return { reconcileExports: await service.reconcile({ remainingMs: call.remainingMs }) };
    return executeSubschemaRequest({
      schema: exportsSchema,
      body,
      call,
      createContext: (base) => ({ ...base, exports: service }),
    });
  },
  event: async (event, call) => {
    const hint = hintOf(event);
    if (!hint) {
      call.log.info('event ignored', { eventType: event.eventType, eventId: event.eventID });
      return { ignored: true };
    }
    const job = await service.onEvent(hint);
    call.log.info('export event handled', {
      eventType: event.eventType,
      eventId: event.eventID,
      jobId: job?.id,
      state: job?.state,
    });
    return job ? { jobId: job.id, state: job.state } : { ignored: true };
  },
});
