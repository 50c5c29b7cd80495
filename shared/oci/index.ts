/**
 * OCI client factory, the retry policy, and the error boundary. Adapters import from here:
 * @example
 * const os = createOciClient(ObjectStorageClient, { service: 'OBJECTSTORAGE' });
 * try { return await withRetry(() => os.getObject(req), { deadlineMs: call.remainingMs() }); }
 * catch (e) { throw toAppError(e); }
 */
export {
  createOciClient,
  endpointFor,
  resetOciClients,
  type CreateOciClientOptions,
  type OciClientClass,
  type OciService,
} from './client.ts';
export {
  withRetry,
  retryToken,
  retryBudget,
  isRetryableError,
  backoffDelayMs,
  resolveRetrySettings,
  RETRY_DEFAULTS,
  type RetryOptions,
  type AttemptInfo,
  type RetryBudgetOptions,
} from './retry.ts';
export { parseRetryAfter, retryAfterMsOf } from './retry-after.ts';
export { toAppError, isOciError, type OciErrorLike } from './errors.ts';
