/**
 * The port both the API Gateway front and the Events router invoke functions through: one call of
 * the OCI Functions invoke API (`POST /20181201/functions/{fnId}/actions/invoke`). The adapter in
 * `signed.ts` signs it as a tenancy user and sends it to the emulator, so the local path is the
 * one OCI uses (service → Functions invoke endpoint → Fn agent → container).
 */
export interface InvokeRequest {
  /** the function's OCID */
  functionId: string;
  body: Buffer;
  /** extra request headers: `fn-intent`, `fn-invoke-type`, `Fn-Http-*`, `opc-request-id`, `content-type` */
  headers: Record<string, string>;
  /** abort the call after this long @default 330_000 (OCI's 300 s maximum function timeout, plus slack) */
  timeoutMs?: number;
}

export interface InvokeResponse {
  /** the invoke API's status: the function's answer (200), or the service's error status */
  status: number;
  headers: Headers;
  body: Buffer;
}

export interface InvokeClient {
  /** Rejects only when no HTTP answer arrived (network error, timeout): see `InvokeTransportError`. */
  invoke(request: InvokeRequest): Promise<InvokeResponse>;
}

/** No HTTP answer from the invoke endpoint (connection refused/reset, or the timeout passed). */
export class InvokeTransportError extends Error {
  readonly timedOut: boolean;
  constructor(message: string, options: { cause?: unknown; timedOut?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'InvokeTransportError';
    this.timedOut = options.timedOut ?? false;
  }
}
