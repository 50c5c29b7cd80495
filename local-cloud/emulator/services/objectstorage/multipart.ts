/**
 * Multipart uploads: create, upload part, commit, abort, list uploads, list parts. The functions
 * below are shared with PAR multipart use (pars.ts).
 *
 * Commit rules (reference §7.1): every uploaded part appears in exactly one of partsToCommit or
 * partsToExclude, the ETags match, and every committed part but the last is at least
 * `minPartSize`. The object's `opc-multipart-md5` is base64(md5(concatenated part MD5s)) + `-N`.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync } from 'node:fs';
import { Readable } from 'node:stream';
import { OciErrors } from '../../core/errors.ts';
import { newEtag } from '../../core/ids.ts';
import type { BlobInfo } from '../../core/store.ts';
import type { EmulatorRequest, Route } from '../../core/types.ts';
import { isoTime, paginateByName, requireBucket, validateObjectName, type OsContext } from './context.ts';
import { OsErrors } from './errors.ts';
import type { BucketRecord, ObjectHeaders, ObjectRecord, PartRecord, UploadRecord } from './store.ts';
import {
  checkPreconditions,
  commitObject,
  receiveBody,
  requireContentLength,
  writePreconditions,
  type Preconditions,
} from './write.ts';

export const MAX_PARTS = 10_000;

export function uploadBody(u: UploadRecord, namespace: string): Record<string, unknown> {
  return {
    namespace,
    bucket: u.bucket,
    object: u.object,
    uploadId: u.uploadId,
    timeCreated: u.timeCreated,
    storageTier: u.storageTier,
  };
}

export function createUpload(
  os: OsContext,
  o: { bucket: BucketRecord; object: string; headers: ObjectHeaders; par?: UploadRecord['par'] },
): UploadRecord {
  const rec: UploadRecord = {
    ...o.headers,
    uploadId: newEtag(),
    bucket: o.bucket.name,
    object: o.object,
    timeCreated: isoTime(os.ctx.now()),
    storageTier: 'Standard',
    ...(o.par ? { par: o.par } : {}),
  };
  os.state.putUpload(rec);
  return rec;
}

export function parsePartNumber(raw: string | undefined): number {
  const n = Number(raw);
  if (raw === undefined || !/^\d+$/.test(raw) || n < 1 || n > MAX_PARTS)
    throw OciErrors.invalidParameter(`uploadPartNum must be an integer from 1 to ${MAX_PARTS}`);
  return n;
}

/** Store one part (replacing an earlier upload of the same number). */
export async function uploadPart(
  os: OsContext,
  req: EmulatorRequest,
  u: UploadRecord,
  partNumber: number,
): Promise<PartRecord> {
  requireContentLength(req, os.options.maxObjectSize);
  const blob = await receiveBody(os, req.stream, {
    maxBytes: os.options.maxObjectSize,
    contentMd5: req.header('content-md5'),
  });
  if (!os.state.uploads.has(u.uploadId)) {
    os.ctx.store.blobs.delete(blob.id);
    throw OsErrors.uploadNotFound(u.uploadId);
  }
  const old = os.state.getPart(u.uploadId, partNumber);
  const part: PartRecord = {
    uploadId: u.uploadId,
    partNumber,
    blobId: blob.id,
    size: blob.size,
    md5: blob.md5,
    etag: newEtag(),
    time: isoTime(os.ctx.now()),
  };
  os.state.putPart(part);
  if (old) os.ctx.store.blobs.delete(old.blobId);
  return part;
}

interface CommitDetails {
  partsToCommit: { partNum: number; etag: string }[];
  partsToExclude: number[];
}

function parseCommit(d: Record<string, unknown>): CommitDetails {
  if (!Array.isArray(d.partsToCommit) || d.partsToCommit.length === 0)
    throw OciErrors.invalidParameter('partsToCommit must list at least one part');
  const partsToCommit = d.partsToCommit.map((p: unknown) => {
    const x = p as Record<string, unknown> | null;
    if (!x || !Number.isInteger(x.partNum) || typeof x.etag !== 'string')
      throw OciErrors.invalidParameter('Each partsToCommit entry needs an integer partNum and a string etag');
    return { partNum: x.partNum as number, etag: x.etag };
  });
  const ex = d.partsToExclude ?? [];
  if (!Array.isArray(ex) || ex.some((n) => !Number.isInteger(n)))
    throw OciErrors.invalidParameter('partsToExclude must be a list of part numbers');
  return { partsToCommit, partsToExclude: ex as number[] };
}

/** Validate the part lists, concatenate the parts into the object and drop the upload. */
export async function commitUpload(
  os: OsContext,
  bucket: BucketRecord,
  u: UploadRecord,
  d: CommitDetails,
  pre: Preconditions,
): Promise<ObjectRecord> {
  const uploaded = new Map(os.state.partsOf(u.uploadId).map((p) => [p.partNumber, p]));
  const seen = new Set<number>();
  for (const n of [...d.partsToCommit.map((p) => p.partNum), ...d.partsToExclude]) {
    if (seen.has(n)) throw OciErrors.invalidParameter(`Part ${n} is listed more than once`);
    if (!uploaded.has(n)) throw OciErrors.invalidParameter(`Part ${n} was not uploaded`);
    seen.add(n);
  }
  const missing = [...uploaded.keys()].filter((n) => !seen.has(n));
  if (missing.length)
    throw OciErrors.invalidParameter(
      `Every uploaded part must be in partsToCommit or partsToExclude; missing: ${missing.join(', ')}`,
    );
  const parts = d.partsToCommit
    .map((c) => {
      const p = uploaded.get(c.partNum)!;
      if (p.etag !== c.etag)
        throw OciErrors.invalidParameter(`The ETag '${c.etag}' of part ${c.partNum} does not match the uploaded part`);
      return p;
    })
    .sort((a, b) => a.partNumber - b.partNumber);
  parts.slice(0, -1).forEach((p) => {
    if (p.size < os.options.minPartSize)
      throw OciErrors.invalidParameter(
        `Part ${p.partNumber} is ${p.size} bytes; every part but the last must be at least ${os.options.minPartSize} ` +
          `bytes`,
      );
  });
  checkPreconditions(os.state.getObject(bucket.name, u.object), pre, u.object);

  const blobs = os.ctx.store.blobs;
  // Open every validated part now, before any await: a part re-uploaded during the commit unlinks
  // the old blob, which stays readable through its open descriptor (POSIX), so the commit reads
  // exactly the parts it checked.
  // Each descriptor is owned by its read stream once created (closed when it ends or is
  // destroyed); the ones never reached are closed here.
  const fds: number[] = [];
  let handedOver = 0;
  let blob: BlobInfo;
  try {
    for (const p of parts) fds.push(openSync(blobs.path(p.blobId), 'r'));
    const source = Readable.from(
      (async function* () {
        while (handedOver < fds.length) yield* createReadStream('', { fd: fds[handedOver++]! });
      })(),
    );
    blob = await blobs.write(source);
  } finally {
    for (const fd of fds.slice(handedOver)) closeSync(fd);
  }
  if (!os.state.uploads.has(u.uploadId)) {
    blobs.delete(blob.id);
    throw OsErrors.uploadNotFound(u.uploadId);
  }
  const digest = createHash('md5');
  for (const p of parts) digest.update(Buffer.from(p.md5, 'base64'));
  const rec = commitObject(os, {
    bucket,
    name: u.object,
    blob,
    headers: pickHeaders(u),
    preconditions: pre,
    multipartMd5: `${digest.digest('base64')}-${parts.length}`,
  });
  abortUpload(os, u);
  return rec;
}

function pickHeaders(u: UploadRecord): ObjectHeaders {
  const { contentType, contentLanguage, contentEncoding, contentDisposition, cacheControl, meta } = u;
  return {
    contentType,
    meta,
    ...(contentLanguage ? { contentLanguage } : {}),
    ...(contentEncoding ? { contentEncoding } : {}),
    ...(contentDisposition ? { contentDisposition } : {}),
    ...(cacheControl ? { cacheControl } : {}),
  };
}

/** CommitMultipartUpload's answer (through the API or a PAR): the object's ETag, multipart MD5 and time. */
export function commitResponseHeaders(o: ObjectRecord): Record<string, string> {
  return {
    etag: o.etag,
    'last-modified': new Date(o.timeModified).toUTCString(),
    ...(o.multipartMd5 ? { 'opc-multipart-md5': o.multipartMd5 } : {}),
  };
}

export function abortUpload(os: OsContext, u: UploadRecord): void {
  for (const p of os.state.deleteUpload(u.uploadId)) os.ctx.store.blobs.delete(p.blobId);
}

function requireUpload(os: OsContext, req: EmulatorRequest, bucket: string): UploadRecord {
  const id = req.query('uploadId');
  if (!id) throw OciErrors.missingParameter('uploadId is required');
  const u = os.state.uploads.get(id);
  if (!u || u.bucket !== bucket || u.object !== req.params.objectName) throw OsErrors.uploadNotFound(id);
  return u;
}

const HEADERS_OF = (d: Record<string, unknown>): ObjectHeaders => {
  const s = (k: string) => (typeof d[k] === 'string' && d[k] ? (d[k] as string) : undefined);
  const meta: Record<string, string> = {};
  if (d.metadata !== undefined) {
    if (!d.metadata || typeof d.metadata !== 'object') throw OciErrors.invalidParameter('metadata must be an object');
    for (const [k, v] of Object.entries(d.metadata)) {
      if (typeof v !== 'string') throw OciErrors.invalidParameter('metadata values must be strings');
      const key = k.toLowerCase();
      meta[key.startsWith('opc-meta-') ? key : `opc-meta-${key}`] = v;
    }
  }
  const h: ObjectHeaders = { contentType: s('contentType') ?? 'application/octet-stream', meta };
  if (s('contentLanguage')) h.contentLanguage = s('contentLanguage')!;
  if (s('contentEncoding')) h.contentEncoding = s('contentEncoding')!;
  if (s('contentDisposition')) h.contentDisposition = s('contentDisposition')!;
  if (s('cacheControl')) h.cacheControl = s('cacheControl')!;
  return h;
};

export function multipartRoutes(os: OsContext): Route[] {
  const U = '/n/{namespaceName}/b/{bucketName}/u/{objectName+}';
  return [
    {
      method: 'POST',
      path: '/n/{namespaceName}/b/{bucketName}/u',
      operation: 'CreateMultipartUpload',
      handler: (req) => {
        const b = requireBucket(os, req);
        const d = req.json<Record<string, unknown>>();
        const object = validateObjectName(d.object, 'object');
        if (d.storageTier !== undefined && d.storageTier !== 'Standard')
          throw OciErrors.notImplemented(
            `objectstorage CreateMultipartUpload with storageTier ${String(d.storageTier)}`,
          );
        checkPreconditions(os.state.getObject(b.name, object), writePreconditions(req), object);
        const u = createUpload(os, { bucket: b, object, headers: HEADERS_OF(d) });
        return {
          headers: { location: `/n/${b.namespace}/b/${b.name}/u/${encodeURIComponent(object)}?uploadId=${u.uploadId}` },
          body: uploadBody(u, b.namespace),
        };
      },
    },
    {
      method: 'PUT',
      path: U,
      operation: 'UploadPart',
      unsignedBody: true,
      streamBody: true,
      handler: async (req) => {
        const b = requireBucket(os, req);
        const u = requireUpload(os, req, b.name);
        const part = await uploadPart(os, req, u, parsePartNumber(req.query('uploadPartNum')));
        return { headers: { etag: part.etag, 'opc-content-md5': part.md5 } };
      },
    },
    {
      method: 'POST',
      path: U,
      operation: 'CommitMultipartUpload',
      handler: async (req) => {
        const b = requireBucket(os, req);
        const u = requireUpload(os, req, b.name);
        const o = await commitUpload(os, b, u, parseCommit(req.json()), writePreconditions(req));
        return { headers: commitResponseHeaders(o) };
      },
    },
    {
      method: 'DELETE',
      path: U,
      operation: 'AbortMultipartUpload',
      handler: (req) => {
        const b = requireBucket(os, req);
        abortUpload(os, requireUpload(os, req, b.name));
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      path: '/n/{namespaceName}/b/{bucketName}/u',
      operation: 'ListMultipartUploads',
      handler: (req) => {
        const b = requireBucket(os, req);
        const all = os.state.uploads.values().filter((u) => u.bucket === b.name);
        const { page, next } = paginateByName(
          all,
          (u) => `${u.object}\n${u.timeCreated}\n${u.uploadId}`,
          req,
          1000,
          1000,
        );
        return { headers: { 'opc-next-page': next }, body: page.map((u) => uploadBody(u, b.namespace)) };
      },
    },
    {
      method: 'GET',
      path: U,
      operation: 'ListMultipartUploadParts',
      handler: (req) => {
        const b = requireBucket(os, req);
        const u = requireUpload(os, req, b.name);
        const { page, next } = paginateByName(
          os.state.partsOf(u.uploadId),
          (p) => String(p.partNumber).padStart(5, '0'),
          req,
          1000,
          1000,
        );
        return {
          headers: { 'opc-next-page': next },
          body: page.map((p) => ({ partNumber: p.partNumber, etag: p.etag, md5: p.md5, size: p.size })),
        };
      },
    },
  ];
}
