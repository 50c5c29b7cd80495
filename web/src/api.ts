/**
 * The GraphQL client (@urql/core, documents typed by codegen) and errors in words. Every call is
 * network-only: the dashboard shows the tenancy as it is now, and live updates are polling.
 */
import {
  Client,
  fetchExchange,
  type AnyVariables,
  type CombinedError,
  type OperationResult,
  type TypedDocumentNode,
} from '@urql/core';
import { getToken } from './auth.ts';

let client: Client | undefined;
let onUnauthenticated: () => void = () => {};

/** What to do when the API says the token is missing or expired (the app signs out). */
export function setUnauthenticatedHandler(f: () => void): void {
  onUnauthenticated = f;
}

/** Call once, before the first render (components query on mount). */
export function createApi(graphqlUrl: string): void {
  client = new Client({
    url: graphqlUrl,
    exchanges: [fetchExchange],
    requestPolicy: 'network-only',
    preferGetMethod: false,
    fetchOptions: () => {
      const token = getToken();
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      return { headers };
    },
  });
}

/** A failed call, in words, with the API's code. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const bytes = (n: unknown): string => {
  const v = Number(n);
  if (!Number.isFinite(v)) return String(n);
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0,
    x = v;
  while (x >= 1024 && i < units.length - 1) {
    x /= 1024;
    i++;
  }
  return `${i === 0 ? x : x.toFixed(x >= 100 ? 0 : 1)} ${units[i]}`;
};
export { bytes as formatBytes };

const seconds = (s: unknown): string => {
  const v = Number(s);
  if (!Number.isFinite(v)) return String(s);
  return v >= 3600 ? `${Math.ceil(v / 3600)} h` : v >= 60 ? `${Math.ceil(v / 60)} min` : `${Math.ceil(v)} s`;
};

/** The sentence the UI shows for an error code and its details (the code is shown beside it). */
export function describe(code: string, message: string, d: Record<string, unknown>): string {
  switch (code) {
    case 'UNAUTHENTICATED':
      return 'You are not signed in, or your sign-in expired. Sign in again.';
    case 'FORBIDDEN':
      return d.requiredRole
        ? `Not allowed: this needs the ${String(d.requiredRole).toUpperCase()} role.`
        : `Not allowed: ${message}`;
    case 'FILE_TOO_LARGE':
      return `The file is too large: ${bytes(d.sizeBytes)}, your limit per file is ${bytes(d.maxBytes)}.`;
    case 'STORAGE_QUOTA_EXCEEDED':
      return (
        `Not enough storage quota: ${bytes(d.currentBytes)} used + ${bytes(d.uploadBytes)} would exceed your ` +
        `${bytes(d.limitBytes)}.`
      );
    case 'HOURLY_LIMIT_EXCEEDED':
      return (
        `Upload limit reached: ${String(d.uploads)} uploads in the last hour (limit ${String(d.limit)}). Retry ` +
        `in ${seconds(d.retryAfterSeconds)}.`
      );
    case 'DAILY_LIMIT_EXCEEDED':
      return (
        `Upload limit reached: ${String(d.uploads)} uploads in the last 24 hours (limit ${String(d.limit)}). ` +
        `Retry in ${seconds(d.retryAfterSeconds)}.`
      );
    case 'RATE_LIMITED':
      return (
        `Too many ` +
        `requests${d.retryAfterSeconds !== undefined ? `; retry in ${seconds(d.retryAfterSeconds)}` : ''}: ${message}`
      );
    case 'NOT_FOUND':
      return `Not found: ${message}`;
    case 'CONFLICT':
      return `Not possible now: ${message}`;
    case 'BAD_USER_INPUT':
      return `Check the input: ${message}`;
    case 'UPSTREAM_UNAVAILABLE':
      return `A service is unavailable: ${message}. Try again shortly.`;
    case 'NETWORK':
      return `The API could not be reached: ${message}`;
    default:
      return message;
  }
}

function toApiError(e: CombinedError): ApiError {
  const g = e.graphQLErrors[0];
  if (g) {
    const ext = (g.extensions ?? {}) as Record<string, unknown>;
    const code = typeof ext.code === 'string' ? ext.code : 'INTERNAL_SERVER_ERROR';
    return new ApiError(describe(code, g.message, ext), code, ext);
  }
  // OCI's API Gateway answers a bad token with its own 401 body (not GraphQL-shaped)
  const status = (e.response as { status?: number } | undefined)?.status;
  if (status === 401) return new ApiError(describe('UNAUTHENTICATED', '', {}), 'UNAUTHENTICATED');
  return new ApiError(describe('NETWORK', e.networkError?.message ?? e.message, {}), 'NETWORK');
}

function unwrap<D>(r: OperationResult<D>): D {
  if (r.error) {
    const err = toApiError(r.error);
    if (err.code === 'UNAUTHENTICATED') onUnauthenticated();
    throw err;
  }
  if (!r.data) throw new ApiError('The API answered without data.', 'INTERNAL_SERVER_ERROR');
  return r.data;
}

export async function query<D, V extends AnyVariables>(doc: TypedDocumentNode<D, V>, variables: V): Promise<D> {
  if (!client) throw new Error('createApi first');
  return unwrap(await client.query(doc, variables).toPromise());
}

export async function mutate<D, V extends AnyVariables>(doc: TypedDocumentNode<D, V>, variables: V): Promise<D> {
  if (!client) throw new Error('createApi first');
  return unwrap(await client.mutation(doc, variables).toPromise());
}

/** Words for any thrown value. */
export const errorText = (e: unknown): { text: string; code?: string } =>
  e instanceof ApiError ? { text: e.message, code: e.code } : { text: e instanceof Error ? e.message : String(e) };
