/** The port the remote executor calls a domain function through (its OCI adapter: invoker-oci.ts). */

/** Options of one invoke. */
export interface InvokeOptions {
  /** Give up after this many milliseconds (the gateway call's remaining time minus a margin). */
  deadlineMs: number;
}

/**
 * Invokes a function by id with a string body and resolves to its response body.
 * Rejects on any failure (transport, non-2xx, timeout); the caller maps it to UPSTREAM_UNAVAILABLE.
 */
export interface FunctionInvoker {
  invoke(fnId: string, body: string, opts: InvokeOptions): Promise<string>;
}
