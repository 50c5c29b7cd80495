/**
 * What every Object Storage handler shares: the provider context, the state, options, lookups
 * that answer OCI's 404s, object events, and small wire helpers (HTTP dates, paging).
 */
import { makeEnvelope } from '../../core/events.ts';
import { OciErrors } from '../../core/errors.ts';
import type { EmulatorRequest, ProviderContext } from '../../core/types.ts';
import { OsErrors } from './errors.ts';
import type { BucketRecord, ObjectRecord, OsStore } from './store.ts';

/** Options of the Object Storage provider. */
export interface ObjectStorageOptions {
  /**
   * Smallest size of every committed multipart part but the last. Reference §7.1 gives 10 MiB
   * (a third-party source; not confirmed in OCI's own docs). Tests lower it.
   * @default 10 MiB
   */
  minPartSize?: number;
  /** @default 50 GiB (OCI's PutObject and part maximum) */
  maxObjectSize?: number;
}

export interface OsContext {
  ctx: ProviderContext;
  state: OsStore;
  options: Required<ObjectStorageOptions>;
}

export const DEFAULT_MIN_PART_SIZE = 10 * 1024 * 1024;
export const MAX_PUT_SIZE = 50 * 1024 ** 3;

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
export function httpDate(isoTime: string): string {
  return new Date(isoTime).toUTCString();
}

export function requireNamespace(os: OsContext, ns: string | undefined): string {
  if (ns !== os.ctx.tenancy.namespace) throw OsErrors.namespaceNotFound(ns ?? '');
  return ns;
}

export function requireBucket(os: OsContext, req: EmulatorRequest): BucketRecord {
  requireNamespace(os, req.params.namespaceName);
  const b = os.state.buckets.get(req.params.bucketName!);
  if (!b) throw OsErrors.bucketNotFound(req.params.bucketName!);
  return b;
}

export function requireObject(os: OsContext, bucket: string, name: string): ObjectRecord {
  const o = os.state.getObject(bucket, name);
  if (!o) throw OsErrors.objectNotFound(bucket, name);
  return o;
}

/** Object names: 1..1024 bytes of UTF-8, no NUL (OCI "Object Names"). */
export function validateObjectName(name: unknown, what = 'objectName'): string {
  if (typeof name !== 'string' || name.length === 0)
    throw OciErrors.invalidParameter(`${what} must be a non-empty string`);
  if (Buffer.byteLength(name, 'utf8') > 1024) throw OciErrors.invalidParameter(`${what} is longer than 1024 bytes`);
  if (name.includes('\0')) throw OciErrors.invalidParameter(`${what} must not contain NUL characters`);
  return name;
}

/** `limit` query parameter: integer 1..max, or the default. */
export function parseListLimit(req: EmulatorRequest, def: number, max: number): number {
  const raw = req.query('limit');
  if (raw === undefined) return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw OciErrors.invalidParameter(`limit must be an integer from 1 to ${max}`);
  return n;
}

/** Opaque page tokens: base64url of the last key of the previous page. */
export const pageToken = {
  encode: (key: string) => Buffer.from(key, 'utf8').toString('base64url'),
  decode(req: EmulatorRequest): string | undefined {
    const raw = req.query('page');
    if (raw === undefined || raw === '') return undefined;
    if (!/^[A-Za-z0-9_-]+$/.test(raw)) throw OciErrors.invalidParameter('page is not a valid page token');
    return Buffer.from(raw, 'base64url').toString('utf8');
  },
};

/** Sorted keys after the page token, one page long; `next` when more follow. */
export function paginateByName<T>(
  items: T[],
  keyOf: (t: T) => string,
  req: EmulatorRequest,
  def: number,
  max: number,
): { page: T[]; next?: string } {
  const limit = parseListLimit(req, def, max);
  const after = pageToken.decode(req);
  const sorted = items.map((t) => ({ t, k: keyOf(t) })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  const start = after === undefined ? 0 : sorted.findIndex((x) => x.k > after);
  const rest = start < 0 ? [] : sorted.slice(start);
  const page = rest.slice(0, limit);
  return {
    page: page.map((x) => x.t),
    ...(rest.length > limit ? { next: pageToken.encode(page[page.length - 1]!.k) } : {}),
  };
}

/** Publish an object event when the bucket asks for them (reference §4), after the write is durable. */
export function emitObjectEvent(
  os: OsContext,
  bucket: BucketRecord,
  action: 'createobject' | 'updateobject' | 'deleteobject',
  object: { name: string; etag: string },
): void {
  if (!bucket.objectEventsEnabled) return;
  const t = os.ctx.tenancy;
  os.ctx.events.publish(
    makeEnvelope({
      eventType: `com.oraclecloud.objectstorage.${action}`,
      source: 'ObjectStorage',
      compartmentId: bucket.compartmentId,
      ...(bucket.compartmentId === t.tenancyId ? { compartmentName: t.record.tenancyName } : {}),
      resourceName: object.name,
      resourceId: `/n/${bucket.namespace}/b/${bucket.name}/o/${object.name}`,
      additionalDetails: {
        bucketName: bucket.name,
        namespace: bucket.namespace,
        bucketId: bucket.id,
        eTag: object.etag,
        archivalState: 'Available',
      },
      now: os.ctx.now(),
    }),
  );
}
