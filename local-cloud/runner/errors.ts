/**
 * The runner's errors. Every failed call becomes a `RunnerError` carrying the status and code OCI
 * Functions answers the invoke API with (reference §1.4), so the emulator's invoke endpoint only
 * copies them into its `{code,message}` body.
 */

/** OCI invoke error codes (docs "Issues invoking functions"), with the HTTP status each comes with. */
export const InvokeError = {
  /** FDK answered 502: the handler threw; the container stays alive */
  ExecutionFailed: { status: 502, code: 'FunctionInvokeExecutionFailed' },
  /** socket error / the container died during the call */
  ExecutionError: { status: 502, code: 'FunctionInvokeExecutionError' },
  /** FDK answered something other than 200/502/504 */
  InvalidResponse: { status: 502, code: 'FunctionInvokeInvalidResponse' },
  ResponseBodyTooLarge: { status: 502, code: 'FunctionInvokeResponseBodyTooLarge' },
  Timeout: { status: 504, code: 'FunctionInvokeTimeout' },
  ContainerInitTimeout: { status: 504, code: 'FunctionInvokeContainerInitTimeout' },
  /** the container exited or made a bad socket before the handshake finished */
  ContainerInitFail: { status: 502, code: 'FunctionInvokeContainerInitFail' },
  /** "Timed out - server too busy" */
  ServiceUnavailable: { status: 503, code: 'FunctionInvokeServiceUnavailable' },
  /** request payload over 6 MB; OCI's exact code is not documented, this is the emulator's 413 code */
  PayloadTooLarge: { status: 413, code: 'RequestEntityTooLarge' },
  NotFound: { status: 404, code: 'NotAuthorizedOrNotFound' },
} as const;
export type InvokeErrorKind = keyof typeof InvokeError;

/** A call that failed; `status`/`code` are what the invoke API answers. */
export class RunnerError extends Error {
  readonly status: number;
  readonly code: string;
  readonly kind: InvokeErrorKind;
  constructor(kind: InvokeErrorKind, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RunnerError';
    this.kind = kind;
    this.status = InvokeError[kind].status;
    this.code = InvokeError[kind].code;
  }
}

/** Bad `startRunner` options (unknown memory tier, reserved config key, socket path too long, ...). */
export class RunnerConfigError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RunnerConfigError';
  }
}

/** The emulator refused to issue or renew a resource principal session token. */
export class TokenIssueError extends Error {
  readonly status: number | undefined;
  constructor(message: string, options: ErrorOptions & { status?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TokenIssueError';
    this.status = options.status;
  }
}
