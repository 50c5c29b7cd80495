/** The port the remote executor calls a domain function through (its OCI adapter: invoker-oci.ts). */

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
