import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { Principal } from './signature.ts';
import type { StateStore } from './store.ts';
import type { Tenancy } from './tenancy.ts';
import type { EventBus } from './events.ts';

/** A request after parsing, as providers see it. */
export interface EmulatorRequest {
  requestId: string;
  service: string;
  operation: string;
  method: string;
  /** path + query exactly as received */
  rawUrl: string;
  /** the raw (still percent-encoded) path */
  path: string;
  /** decoded path parameters of the matched route */
  params: Record<string, string>;
  /** first value of a query parameter; `+` is NOT a space (oci-sdk does not encode query values) */
  query(name: string): string | undefined;
  queryAll(name: string): string[];
  header(name: string): string | undefined;
  headers: IncomingHttpHeaders;
  /** the whole body; empty for routes that stream it */
  body: Buffer;
  /** the request stream, for routes declared with `streamBody` */
  stream: IncomingMessage;
  /** the authenticated caller; undefined on unsigned routes (PAR use, hooks) */
  principal?: Principal;
  /** parse the body as JSON or answer 400 CannotParseRequest */
  json<T = Record<string, unknown>>(): T;
}

export interface EmulatorResponse {
  /** @default 200 */
  status?: number;
  headers?: Record<string, string | number | undefined>;
  /** objects are sent as JSON; Buffers/strings as they are; streams piped */
  body?: unknown;
  /** a stream body (file contents) */
  stream?: Readable;
}

export interface Route {
  method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE' | 'PATCH';
  /** `/n/{namespaceName}/b/{bucketName}`; `{name+}` matches the rest of the path, slashes included */
  path: string;
  /** the OCI operation name, e.g. `PutObject`: used by the request log, fault rules and 501s */
  operation: string;
  /** @default 'signature' */
  auth?: 'signature' | 'none';
  /** the body is not part of the signature (PutObject, UploadPart) */
  unsignedBody?: boolean;
  /** the pipeline does not buffer the body; the handler reads `req.stream` */
  streamBody?: boolean;
  /**
   * What IAM checks for this route when the permission table (iam/operations.ts) has no entry for
   * it (test-only and emulator-specific routes): `{ permissions: [], target: 'tenancy' }` = any signed caller.
   */
  iam?: import('../iam/operations.ts').OperationSpec;
  handler(req: EmulatorRequest): Promise<EmulatorResponse> | EmulatorResponse;
}

/** An operation the real service has that this emulator does not: answered with 501 naming it. */
export interface UnimplementedRoute {
  method: Route['method'];
  path: string;
  operation: string;
}

export interface Provider {
  /** service name used in the request log, fault rules, state and reset: `objectstorage`, `nosql`, ... */
  name: string;
  /** path prefixes this service owns; unmatched paths under them answer 501 */
  prefixes: string[];
  routes: Route[];
  unimplemented?: UnimplementedRoute[];
  /** drop in-memory caches after the store was reset */
  onReset?(): void;
  /** stop timers */
  close?(): Promise<void> | void;
}

export interface ProviderContext {
  store: StateStore;
  tenancy: Tenancy;
  events: EventBus;
  /** the emulator's base URL once listening, e.g. http://127.0.0.1:8081 */
  baseUrl(): string;
  /** the clock; tests may shift it */
  now(): number;
  /** look up another provider's public API (e.g. functions looks up nothing; compute looks up objectstorage) */
  provider<T extends Provider>(name: string): T | undefined;
}

export type ProviderFactory = (ctx: ProviderContext) => Provider;
