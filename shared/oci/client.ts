/**
 * One way to build oci-sdk clients (ARCHITECTURE.md "Function runtime").
 *
 * Deliberate choices:
 * - **SDK retry off** (`NoRetryConfigurationDetails` at client level, which also wins over the
 *   per-operation defaults): `withRetry` is the only retry layer. Two layers would multiply
 *   attempts (8 SDK attempts x 5 of ours), and the SDK's ~90 s of backoff ignores the Fn deadline.
 * - **Circuit breaker off** (`disableClientCircuitBreaker`, and our own HttpClient is built without
 *   one): the breaker opens after a burst of retryable failures and then fails every call fast
 *   with EOPENBREAKER for 30 s, which stacks badly with our retries and makes fault-injection
 *   tests depend on what ran before them.
 * - **Endpoint set last**: the constructor derives region → endpoint from the provider, and the
 *   region setters overwrite the endpoint; some clients' endpoint setter appends the API version
 *   (NoSQL /20190828, Core /20160918, Functions /20181201), so we always set the bare base URL.
 * - **Built on first use**: the returned client is a forwarding proxy (lazy.ts) that constructs the
 *   SDK client (and with it loads oci-common's signer, HTTP client, circuit breaker, ...) on first
 *   property access, so a function that creates its clients at module scope pays nothing for them
 *   on calls that never reach OCI (cold start). Endpoint and credential errors still throw here.
 * - **Retry-After capture**: our HttpClient wrapper records Retry-After by opc-request-id, which
 *   `withRetry` consults (the SDK's OciError drops response headers; see retry-after.ts).
 * - **Transport** (http-transport.ts): node:http(s) with keep-alive instead of the global fetch,
 *   whose first use loads undici (≈50 ms of a cold start); same request/response contract.
 * - **Signing** (signer.ts): oci-common's header set and Authorization value, with the key parsed
 *   once into a KeyObject (≈ 0.4 ms of CPU per call instead of ≈ 1.9 ms).
 * - **SDK patch** (bundle/sdk-patches.ts): oci-common's O(body length) empty-body check made O(1).
 */
import { CircuitBreaker, NoRetryConfigurationDetails } from 'oci-common';
import type {
  AuthParams,
  AuthenticationDetailsProvider,
  ClientConfiguration,
  HttpClient,
  RegionProvider,
} from 'oci-common';
import { createAuthProvider } from '../auth/index.ts';
import { ConfigError, type Env } from '../config.ts';
import { lazyObject } from './lazy.ts';
import { recordRetryAfter } from './retry-after.ts';
import { createNodeHttpClient } from './http-transport.ts';
import { createRequestSigner } from './signer.ts';
import { applySdkPatches } from '#bundle/sdk-patches.ts';

/** Service keys for `OCI_ENDPOINT_<SERVICE>`. */
export type OciService =
  | 'OBJECTSTORAGE'
  | 'NOSQL'
  | 'FUNCTIONS_INVOKE'
  | 'FUNCTIONS'
  | 'CORE'
  | 'IDENTITY'
  | 'WORKREQUESTS'
  | 'MONITORING'
  | (string & {});

/** Any oci-sdk service client class. */
export type OciClientClass<C> = new (params: AuthParams, clientConfiguration?: ClientConfiguration) => C;

/** The members every client has that we touch. */
export interface OciClientLike {
  endpoint: string;
}

export interface CreateOciClientOptions {
  /** Selects `OCI_ENDPOINT_<SERVICE>`; also the memo key. */
  service: OciService;
  /**
   * Credentials; `'none'` sends unsigned requests (emulator tests).
   * @default createAuthProvider({ env }) once per process
   */
  auth?: AuthenticationDetailsProvider | 'none';
  /** @default process.env */
  env?: Env;
  /** Explicit base URL; beats the env variables. */
  endpoint?: string;
}

/** Base URL from `OCI_ENDPOINT_<SERVICE>`, else `OCI_ENDPOINT`; validated. */
export function endpointFor(service: OciService, env: Env = process.env): string | undefined {
  const key = `OCI_ENDPOINT_${service.toUpperCase()}`;
  const v = env[key]?.trim() || env.OCI_ENDPOINT?.trim();
  if (!v) return undefined;
  return validateEndpoint(v, env[key]?.trim() ? key : 'OCI_ENDPOINT');
}

function validateEndpoint(v: string, name: string): string {
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new ConfigError(name, `${name} is not a URL: "${v}"`);
  }
  if (!/^https?:$/.test(u.protocol) || u.username || u.password || u.search || u.hash) {
    throw new ConfigError(name, `${name} must be an http(s) base URL without user info, query or fragment`);
  }
  return v.replace(/\/+$/, '');
}

/** An HttpClient (node:http, no circuit breaker; http-transport.ts) that records Retry-After of failed responses. */
function recordingHttpClient(auth: AuthenticationDetailsProvider | undefined): HttpClient {
  const inner = createNodeHttpClient(auth ? createRequestSigner(auth) : null);
  return {
    async send(...args: Parameters<HttpClient['send']>): Promise<Response> {
      const res = await inner.send(...args);
      if (res.status === 429 || res.status === 503)
        recordRetryAfter(res.headers.get('opc-request-id'), res.headers.get('retry-after'));
      return res;
    },
  };
}

let processAuth: AuthenticationDetailsProvider | undefined;
const memo = new Map<unknown, Map<string, unknown>>();

/**
 * Build (or reuse) a client. With no explicit `auth`/`env`/`endpoint` the client is memoized per
 * class and service for the life of the process (build once at module scope, reuse across warm
 * calls); with any of them, a fresh client is returned for the caller to keep.
 * @example const os = createOciClient(ObjectStorageClient, { service: 'OBJECTSTORAGE' });
 */
export function createOciClient<C extends OciClientLike>(
  ClientClass: OciClientClass<C>,
  options: CreateOciClientOptions,
): C {
  const memoizable = options.auth === undefined && options.env === undefined && options.endpoint === undefined;
  const service = options.service.toUpperCase();
  if (memoizable) {
    const hit = memo.get(ClientClass)?.get(service);
    if (hit) return hit as C;
  }
  const env = options.env ?? process.env;
  let auth: AuthenticationDetailsProvider | undefined;
  if (options.auth === 'none') auth = undefined;
  else if (options.auth) auth = options.auth;
  else if (options.env) auth = createAuthProvider({ env: options.env });
  else auth = processAuth ??= createAuthProvider();
  const endpoint =
    options.endpoint !== undefined ? validateEndpoint(options.endpoint, 'endpoint') : endpointFor(service, env);
  // Without an endpoint the SDK derives one from the provider's region; without either it has none.
  if (!endpoint && !(auth as Partial<RegionProvider> | undefined)?.getRegion?.()) {
    throw new ConfigError(
      `OCI_ENDPOINT_${service}`,
      `no endpoint for ${service}: set OCI_ENDPOINT (or OCI_ENDPOINT_${service}) or configure a region`,
    );
  }
  const client = lazyObject(() => {
    applySdkPatches();
    const clientConfiguration: ClientConfiguration = {
      retryConfiguration: NoRetryConfigurationDetails,
      circuitBreaker: new CircuitBreaker({ disableClientCircuitBreaker: true }),
    };
    // Only the httpClient: given a provider, every generated client constructor also builds
    // oci-common's DefaultRequestSigner, whose module loads the instance-principal suite
    // (jsonwebtoken, sshpk, node-fetch → undici): ≈40 ms of a cold start for a signer never used.
    // The provider's region is applied as the constructor would (region → endpoint).
    const real = new ClientClass(
      { httpClient: recordingHttpClient(auth) } as unknown as AuthParams,
      clientConfiguration,
    );
    const region = (auth as Partial<RegionProvider> | undefined)?.getRegion?.();
    if (region) (real as unknown as { region: unknown }).region = region;
    if (endpoint) real.endpoint = endpoint; // last: region setters overwrite it
    return real;
  });
  if (memoizable) {
    const perClass = memo.get(ClientClass) ?? new Map<string, unknown>();
    perClass.set(service, client);
    memo.set(ClientClass, perClass);
  }
  return client;
}

/** Forget memoized clients and the process auth provider (tests). */
export function resetOciClients(): void {
  memo.clear();
  processAuth = undefined;
}
