/** Types of the gateway's per-request contexts. */
import type { FnCall } from '#shared/fn/index.ts';
import type { Caller } from '#shared/graphql/index.ts';
import type { Logger } from '#shared/log.ts';

/** What the Fn adapter passes to `yoga.fetch(request, serverContext)`. Absent in plain tests. */
export interface GatewayServerContext {
  call?: FnCall;
}

/** The GraphQL context of the gateway's resolvers and executors. */
export interface GatewayContext {
  /** Undefined only before identity is checked: operations never run without a caller. */
  caller?: Caller;
  call?: FnCall;
  /** `opc-request-id` of the request, else the call's, else the Fn call id. */
  requestId: string;
  /** The call's logger (or the gateway logger) with `requestId`. */
  log: Logger;
}
