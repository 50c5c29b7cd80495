/** Public types of the Fn adapter (see ARCHITECTURE.md "Function runtime"). */
import type { Logger } from '../log.ts';
import type { OciEvent } from './event.ts';

/** One Fn invocation as handlers see it. */
export interface FnCall {
  /** `Fn-Call-Id` (a generated id if the agent sent none). */
  callId: string;
  /** From `Fn-Deadline`; fallback: call start + `FN_TIMEOUT_MS` (default 30 s). */
  deadline: Date;
  /** Milliseconds left until {@link deadline}, never negative. Pass to `withRetry({ deadlineMs })`. */
  remainingMs(): number;
  /** Function config (`process.env`): never use the FDK's `ctx.getConfig`, it throws. */
  env: Readonly<Record<string, string | undefined>>;
  /** `Opc-Request-Id` header when present (OCI sets it). */
  opcRequestId?: string;
  fnId?: string;
  appId?: string;
  /** Child logger carrying fn, callId and opcRequestId. */
  log: Logger;
}

/** API Gateway / HTTP trigger call (`Fn-Intent: httprequest`). Thrown errors become JSON error responses. */
export type HttpHandler = (req: Request, call: FnCall) => Promise<Response>;
/**
 * CloudEvents 0.1 call from OCI Events. A thrown `BadUserInputError` rejects the event for good
 * (acknowledged, logged); any other error answers 502 so the Events router retries.
 */
export type EventHandler = (event: OciEvent, call: FnCall) => Promise<unknown>;
/** Plain invoke with a JSON body; the result is returned as JSON. Thrown errors become a JSON error body. */
export type InvokeHandler = (body: unknown, call: FnCall) => Promise<unknown>;

/** What a function serves. At least one handler is required. */
export interface FunctionDefinition {
  /** Function name, e.g. `quota`; appears in every log line. */
  name: string;
  http?: HttpHandler;
  event?: EventHandler;
  invoke?: InvokeHandler;
}

/** The kinds of call the adapter distinguishes. */
export type CallKind = 'http' | 'event' | 'invoke';
