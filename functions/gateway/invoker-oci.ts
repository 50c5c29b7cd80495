/**
 * {@link FunctionInvoker} over the OCI Functions invoke API (`FunctionsInvokeClient.invokeFunction`,
 * POST `/20181201/functions/{fnId}/actions/invoke`), signed with the gateway's credentials
 * (resource principal inside OCI Functions / the local Fn runner).
 *
 * Endpoint: `FN_INVOKE_ENDPOINT`, else `OCI_ENDPOINT_FUNCTIONS_INVOKE`, else `OCI_ENDPOINT`.
 * Retries (the shared policy, within the call's deadline) what cannot have run the function: 429
 * (throttled before it ran), 503 FunctionInvokeServiceUnavailable (no capacity: queued and timed
 * out, never started), 502 FunctionInvokeContainerInitFail and 504 FunctionInvokeContainerInitTimeout
 * (the container never became ready, so no handler ran). A mutation is retried on nothing else:
 * another 5xx, a timeout or a network failure may have run it (the SDK rethrows network failures
 * as a bare `{ code, message }` with node:http's code, shared/oci/http-transport.ts, and a refused
 * connection is not told apart). An
 * invoke marked `idempotent` (a query) is also retried on every transient failure.
 */
import type { AuthenticationDetailsProvider } from 'oci-common';
import { FunctionsInvokeClient, requests } from 'oci-functions';
import type { Env } from '#shared/config.ts';
import { DeadlineExceededError } from '#shared/errors.ts';
import { createOciClient, isRetryableError, toAppError, withRetry, type OciClientClass } from '#shared/oci/index.ts';
import type { FunctionInvoker } from './invoker.ts';

// oci-sdk constructors take `AuthParams` (a union requiring one of provider / httpClient), which
// `OciClientClass`'s params type does not match; createOciClient always passes both.
const InvokeClient = FunctionsInvokeClient as unknown as OciClientClass<FunctionsInvokeClient>;

/** Options of {@link createOciInvoker}. */
export interface OciInvokerOptions {
  /** @default process.env */
  env?: Env;
  /** Credentials; `'none'` sends unsigned requests (tests). @default shared/auth createAuthProvider() */
  auth?: AuthenticationDetailsProvider | 'none';
}

async function readBody(value: unknown): Promise<string> {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof (value as ReadableStream).getReader === 'function') return new Response(value as ReadableStream).text();
  const chunks: Buffer[] = [];
  for await (const chunk of value as AsyncIterable<Buffer | string>)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Time a retried invoke must still have before the deadline. */
const RETRY_MIN_LEFT_MS = 2_000;

/** Service codes of invoke failures that ran no handler (besides 429). */
const NOT_RUN_CODES = new Set([
  'FunctionInvokeServiceUnavailable',
  'FunctionInvokeContainerInitFail',
  'FunctionInvokeContainerInitTimeout',
]);

/** An invoke failure that cannot have run the function: 429, no capacity, a container that never started. */
export const invokeNotRun = (e: unknown): boolean => {
  if (typeof e !== 'object' || e === null) return false;
  const { statusCode, serviceCode } = e as { statusCode?: unknown; serviceCode?: unknown };
  return (
    statusCode === 429 ||
    (typeof serviceCode === 'string' &&
      NOT_RUN_CODES.has(serviceCode) &&
      (statusCode === 502 || statusCode === 503 || statusCode === 504))
  );
};

/** Creates the OCI invoker; the client is built on first use and reused across warm calls. */
export function createOciInvoker(options: OciInvokerOptions = {}): FunctionInvoker {
  let client: FunctionsInvokeClient | undefined;
  const getClient = () => {
    const env = options.env ?? process.env;
    const endpoint = env.FN_INVOKE_ENDPOINT?.trim();
    return (client ??= createOciClient(InvokeClient, {
      service: 'FUNCTIONS_INVOKE',
      ...(options.env ? { env: options.env } : {}),
      ...(options.auth ? { auth: options.auth } : {}),
      ...(endpoint ? { endpoint } : {}),
    }));
  };
  return {
    async invoke(fnId, body, { deadlineMs, idempotent }) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new DeadlineExceededError(`function ${fnId} did not answer within ${deadlineMs} ms`)),
          deadlineMs,
        );
      });
      try {
        // a retry starts only with RETRY_MIN_LEFT_MS still left, so it does not run a function
        // (maybe a mutation) the caller has already been told timed out
        const call = withRetry(
          async () => {
            const res = await getClient().invokeFunction({
              functionId: fnId,
              invokeFunctionBody: body,
              fnInvokeType: requests.InvokeFunctionRequest.FnInvokeType.Sync,
            });
            return readBody(res.value);
          },
          {
            deadlineMs: Math.max(0, deadlineMs - RETRY_MIN_LEFT_MS),
            isRetryable: idempotent ? isRetryableError : invokeNotRun,
            env: options.env ?? process.env,
          },
        );
        return await Promise.race([call, timeout]);
      } catch (e: unknown) {
        throw toAppError(e);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
