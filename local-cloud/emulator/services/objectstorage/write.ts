/**
 * The one write path for object bodies (PutObject, PAR PUT, multipart commit, rename): check
 * preconditions, stream the body into a new blob, verify Content-MD5, then re-check and swap the
 * metadata record (write the blob first, then the metadata; delete the old blob after), and
 * publish the object event once the write is durable.
 */
import type { Readable } from 'node:stream';
import { OciErrors, OciServiceError } from '../../core/errors.ts';
import { newEtag } from '../../core/ids.ts';
import { BlobTooLargeError, type BlobInfo } from '../../core/store.ts';
import type { EmulatorRequest } from '../../core/types.ts';
import { emitObjectEvent, isoTime, type OsContext } from './context.ts';
import { OsErrors } from './errors.ts';
import type { BucketRecord, ObjectHeaders, ObjectRecord } from './store.ts';

export interface Preconditions {
  ifMatch?: string;
  ifNoneMatch?: string;
}

/** `if-match` / `if-none-match` of a write: only `*` is a valid if-none-match (reference §7.1). */
export function writePreconditions(req: EmulatorRequest): Preconditions {
  const ifMatch = req.header('if-match');
  const ifNoneMatch = req.header('if-none-match');
  if (ifNoneMatch !== undefined && ifNoneMatch !== '*')
    throw OciErrors.invalidParameter("The only valid value of if-none-match on a write is '*'");
  return { ...(ifMatch !== undefined ? { ifMatch } : {}), ...(ifNoneMatch !== undefined ? { ifNoneMatch } : {}) };
}

export function checkPreconditions(existing: ObjectRecord | undefined, p: Preconditions, name: string): void {
  if (p.ifMatch !== undefined && existing?.etag !== p.ifMatch) {
    throw OsErrors.ifMatchFailed(`The ETag of '${name}' does not match if-match '${p.ifMatch}'`);
  }
  if (p.ifNoneMatch === '*' && existing) throw OsErrors.ifNoneMatchFailed(`The object '${name}' already exists`);
}

/** Content headers and `opc-meta-*` of a PUT (or of the PAR PUT that starts a multipart upload). */
export function objectHeadersOf(req: EmulatorRequest): ObjectHeaders {
  const meta: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (k.startsWith('opc-meta-') && v !== undefined) meta[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  const opt = (h: string) => req.header(h);
  const out: ObjectHeaders = { contentType: opt('content-type') || 'application/octet-stream', meta };
  const lang = opt('content-language'),
    enc = opt('content-encoding'),
    disp = opt('content-disposition'),
    cc = opt('cache-control');
  if (lang) out.contentLanguage = lang;
  if (enc) out.contentEncoding = enc;
  if (disp) out.contentDisposition = disp;
  if (cc) out.cacheControl = cc;
  return out;
}

/** Content-Length is required on object and part PUTs (411 otherwise). */
export function requireContentLength(req: EmulatorRequest, max: number): number {
  const raw = req.header('content-length');
  if (raw === undefined) throw OciErrors.lengthRequired('The Content-Length header is required');
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n))
    throw OciErrors.invalidParameter('Content-Length must be a non-negative integer');
  if (n > max) throw OciErrors.payloadTooLarge(`The body is larger than the maximum of ${max} bytes`);
  return n;
}

/** Stream a body into a blob, enforcing the size limit and an optional Content-MD5. */
export async function receiveBody(
  os: OsContext,
  source: Readable | Buffer,
  o: { maxBytes: number; contentMd5?: string | undefined },
): Promise<BlobInfo> {
  let blob: BlobInfo;
  try {
    blob = await os.ctx.store.blobs.write(source, { maxBytes: o.maxBytes });
  } catch (e) {
    if (e instanceof BlobTooLargeError) throw OciErrors.payloadTooLarge(`The body is larger than ${o.maxBytes} bytes`);
    throw e;
  }
  if (o.contentMd5 !== undefined && o.contentMd5 !== blob.md5) {
    os.ctx.store.blobs.delete(blob.id);
    throw OsErrors.unmatchedContentMd5(
      `The computed MD5 of the request body (${blob.md5}) does not match the Content-MD5 header (${o.contentMd5})`,
    );
  }
  return blob;
}

export interface CommitInput {
  bucket: BucketRecord;
  name: string;
  blob: BlobInfo;
  headers: ObjectHeaders;
  preconditions: Preconditions;
  multipartMd5?: string;
}

/** Swap in the new object version; the blob is deleted if a precondition fails meanwhile. */
export function commitObject(os: OsContext, i: CommitInput): ObjectRecord {
  const { state, ctx } = os;
  const existing = state.getObject(i.bucket.name, i.name);
  try {
    if (!state.buckets.has(i.bucket.name)) throw OsErrors.bucketNotFound(i.bucket.name);
    checkPreconditions(existing, i.preconditions, i.name);
  } catch (e) {
    if (e instanceof OciServiceError) ctx.store.blobs.delete(i.blob.id);
    throw e;
  }
  const now = isoTime(ctx.now());
  const rec: ObjectRecord = {
    ...i.headers,
    bucket: i.bucket.name,
    name: i.name,
    blobId: i.blob.id,
    size: i.blob.size,
    ...(i.multipartMd5 ? { multipartMd5: i.multipartMd5 } : { md5: i.blob.md5 }),
    etag: newEtag(),
    timeCreated: existing?.timeCreated ?? now,
    timeModified: now,
  };
  state.putObject(rec);
  if (existing) ctx.store.blobs.delete(existing.blobId);
  emitObjectEvent(os, state.buckets.get(i.bucket.name) ?? i.bucket, existing ? 'updateobject' : 'createobject', rec);
  return rec;
}

/** The whole single-request write: preconditions, body, MD5, commit. */
export async function putObjectBody(
  os: OsContext,
  req: EmulatorRequest,
  bucket: BucketRecord,
  name: string,
): Promise<ObjectRecord> {
  const preconditions = writePreconditions(req);
  requireContentLength(req, os.options.maxObjectSize);
  checkPreconditions(os.state.getObject(bucket.name, name), preconditions, name);
  const headers = objectHeadersOf(req);
  const blob = await receiveBody(os, req.stream, {
    maxBytes: os.options.maxObjectSize,
    contentMd5: req.header('content-md5'),
  });
  return commitObject(os, { bucket, name, blob, headers, preconditions });
}

export function putResponseHeaders(o: ObjectRecord): Record<string, string> {
  return {
    etag: o.etag,
    'last-modified': new Date(o.timeModified).toUTCString(),
    ...(o.md5 ? { 'opc-content-md5': o.md5 } : {}),
    ...(o.multipartMd5 ? { 'opc-multipart-md5': o.multipartMd5 } : {}),
  };
}
