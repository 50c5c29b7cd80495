/** An in-process {@link FunctionInvoker} for tests: runs invoke handlers with the wire's JSON round trip. */
import { randomUUID } from 'node:crypto';
import type { FunctionInvoker } from '../../../functions/gateway/invoker.ts';
import type { FnCall, InvokeHandler } from '#shared/fn/index.ts';
import { createLogger, type Logger } from '#shared/log.ts';

/** Options of {@link createInMemoryInvoker}. */
export interface InMemoryInvokerOptions {
  /** Invoke handlers by function id. */
  handlers: Readonly<Record<string, InvokeHandler>>;
  /** Logger of the fake calls. @default a logger at 'warn' */
  log?: Logger;
}

/**
 * A {@link FunctionInvoker} that runs invoke handlers in this process, passing bodies through
 * JSON exactly like the wire. Unknown ids reject like a 404.
 */
export function createInMemoryInvoker(options: InMemoryInvokerOptions): FunctionInvoker {
  const log = options.log ?? createLogger({ level: 'warn' });
  return {
    async invoke(fnId, body, { deadlineMs }) {
      const handler = options.handlers[fnId];
      if (!handler) throw new Error(`function ${fnId} not found`);
      const callId = `mem-${randomUUID()}`;
      const deadline = new Date(Date.now() + deadlineMs);
      const call: FnCall = {
        callId,
        deadline,
        remainingMs: () => Math.max(0, deadline.getTime() - Date.now()),
        env: process.env,
        fnId,
        log: log.child({ fnId, callId }),
      };
      const result = await handler(JSON.parse(body) as unknown, call);
      return JSON.stringify(result ?? {});
    },
  };
}
