/**
 * OCI's error format: `{ code, message }` JSON bodies with an `opc-request-id` header (set by the
 * pipeline). Providers throw `OciServiceError`s made by the factories below, so every service
 * answers with the codes and statuses the real one uses (docs "API Errors").
 */
export class OciServiceError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'OciServiceError';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

const make = (status: number, code: string) => (message: string, headers?: Record<string, string>) =>
  new OciServiceError(status, code, message, headers);

export const OciErrors = {
  invalidParameter: make(400, 'InvalidParameter'),
  missingParameter: make(400, 'MissingParameter'),
  cannotParseRequest: make(400, 'CannotParseRequest'),
  limitExceeded: make(400, 'LimitExceeded'),
  notAuthenticated: make(401, 'NotAuthenticated'),
  notAuthorizedOrNotFound: make(404, 'NotAuthorizedOrNotFound'),
  notFound: (code: string, message: string) => new OciServiceError(404, code, message),
  conflict: make(409, 'Conflict'),
  incorrectState: make(409, 'IncorrectState'),
  invalidatedRetryToken: make(409, 'InvalidatedRetryToken'),
  preconditionFailed: (code: string, message: string) => new OciServiceError(412, code, message),
  noEtagMatch: make(412, 'NoEtagMatch'),
  lengthRequired: make(411, 'ContentLengthRequired'),
  payloadTooLarge: make(413, 'RequestEntityTooLarge'),
  tooManyRequests: make(429, 'TooManyRequests'),
  internal: make(500, 'InternalServerError'),
  notImplemented: (operation: string) =>
    new OciServiceError(501, 'NotImplemented', `The local OCI emulator does not implement ${operation}`),
  serviceUnavailable: make(503, 'ServiceUnavailable'),
} as const;
