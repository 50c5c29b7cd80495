/** The port the remote executor calls a domain function through, and an in-memory adapter for tests. */
import { randomUUID } from 'node:crypto';
import type { FnCall, InvokeHandler } from '#shared/fn/index.ts';
import { createLogger, type Logger } from '#shared/log.ts';

/** Options of one invoke. */
export interface InvokeOptions {
  /** Give up after this many milliseconds (the gateway call's remaining time minus a margin). */
  deadlineMs: number;
  /**
   * The call is safe to repeat (a GraphQL query: reads only), so any transient failure may be
   * retried, not only those that prove the function did not run. @default false
   */
  idempotent?: boolean;
}

/**
 * Invokes a function by id with a string body and resolves to its response body.
 * Rejects on any failure (transport, non-2xx, timeout); the caller maps it to UPSTREAM_UNAVAILABLE.
 */
export interface FunctionInvoker {
  invoke(fnId: string, body: string, opts: InvokeOptions): Promise<string>;
}

/** Options of {@link createInMemoryInvoker}. */
export interface InMemoryInvokerOptions {
  /** Invoke handlers by function id. */
  handlers: Readonly<Record<string, InvokeHandler>>;
  /** Logger of the fake calls. @default a logger at 'warn' */
  log?: Logger;
}

/**
 * A {@link FunctionInvoker} that runs invoke handlers in this process, passing bodies through
 * JSON exactly like the wire (`GATEWAY_MODE=inprocess`, tests). Unknown ids reject like a 404.
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
