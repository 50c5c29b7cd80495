/** GET/HEAD of an object and ListObjects, shared by the signed API and PAR use. */
import { createReadStream, openSync } from 'node:fs';
import { OciErrors } from '../../core/errors.ts';
import type { EmulatorRequest, EmulatorResponse } from '../../core/types.ts';
import { httpDate, parseListLimit, type OsContext } from './context.ts';
import { OsErrors } from './errors.ts';
import { lowerBound, type ObjectRecord } from './store.ts';

const OVERRIDES: [query: string, header: string][] = [
  ['httpResponseContentDisposition', 'content-disposition'],
  ['httpResponseCacheControl', 'cache-control'],
  ['httpResponseContentType', 'content-type'],
  ['httpResponseContentLanguage', 'content-language'],
  ['httpResponseContentEncoding', 'content-encoding'],
  ['httpResponseExpires', 'expires'],
];

/** `bytes=a-b`, `bytes=a-`, `bytes=-n`; undefined when absent or not this syntax (RFC 7233 says ignore). */
function parseRange(
  value: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (value === undefined) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(value.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const last = m[2] === '' ? size - 1 : Number(m[2]);
  if (last < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(last, size - 1) };
}

export function objectHeaders(o: ObjectRecord): Record<string, string | number> {
  const h: Record<string, string | number> = {
    etag: o.etag,
    'content-type': o.contentType,
    'last-modified': httpDate(o.timeModified),
    'storage-tier': 'Standard',
    'accept-ranges': 'bytes',
  };
  if (o.md5) h['content-md5'] = o.md5;
  if (o.multipartMd5) h['opc-multipart-md5'] = o.multipartMd5;
  if (o.contentLanguage) h['content-language'] = o.contentLanguage;
  if (o.contentEncoding) h['content-encoding'] = o.contentEncoding;
  if (o.contentDisposition) h['content-disposition'] = o.contentDisposition;
  if (o.cacheControl) h['cache-control'] = o.cacheControl;
  for (const [k, v] of Object.entries(o.meta)) h[k] = v;
  return h;
}

/**
 * GetObject/HeadObject. `if-none-match` equal to the ETag answers 304 without a body (as the SDK's
 * request docs state); a failed `if-match` answers 412 IfMatchFailed.
 */
export function readObject(os: OsContext, req: EmulatorRequest, o: ObjectRecord): EmulatorResponse {
  const ifMatch = req.header('if-match');
  const ifNoneMatch = req.header('if-none-match');
  if (ifNoneMatch === '*')
    throw OciErrors.invalidParameter("Wildcards ('*') are not allowed in if-none-match on reads");
  if (ifMatch !== undefined && ifMatch !== o.etag)
    throw OsErrors.ifMatchFailed(`The ETag of '${o.name}' does not match if-match '${ifMatch}'`);
  if (ifNoneMatch !== undefined && ifNoneMatch === o.etag)
    return { status: 304, headers: { etag: o.etag, 'last-modified': httpDate(o.timeModified) } };
  const headers = objectHeaders(o);
  for (const [q, h] of OVERRIDES) {
    const v = req.query(q);
    if (v !== undefined) headers[h] = v;
  }
  if (req.method === 'HEAD') return { headers: { ...headers, 'content-length': o.size } };
  const range = parseRange(req.header('range'), o.size);
  if (range === 'unsatisfiable')
    throw OsErrors.invalidRange(
      `The range ${req.header('range')} is not satisfiable for an object of ${o.size} bytes`,
      { 'content-range': `bytes */${o.size}` },
    );
  // Open the body now, in the same tick as the record lookup: a concurrent overwrite or delete
  // unlinks the old blob synchronously, and an open file stays readable after its unlink (POSIX),
  // so the reader gets this version whole. A lazy open by path could find the file gone.
  const fd = openSync(os.ctx.store.blobs.path(o.blobId), 'r');
  if (range) {
    return {
      status: 206,
      headers: {
        ...headers,
        'content-length': range.end - range.start + 1,
        'content-range': `bytes ${range.start}-${range.end}/${o.size}`,
      },
      stream: createReadStream('', { fd, start: range.start, end: range.end }),
    };
  }
  return { headers: { ...headers, 'content-length': o.size }, stream: createReadStream('', { fd }) };
}

const FIELDS = ['name', 'size', 'etag', 'md5', 'timecreated', 'timemodified', 'storagetier', 'archivalstate'];

/** ListObjects over the bucket's sorted names; `restrictPrefix` narrows what a prefix PAR may see. */
export function listObjects(
  os: OsContext,
  bucket: string,
  req: EmulatorRequest,
  restrictPrefix = '',
): Record<string, unknown> {
  const prefix = req.query('prefix') ?? '';
  const start = req.query('start');
  const end = req.query('end');
  const startAfter = req.query('startAfter');
  const delimiter = req.query('delimiter');
  if (delimiter !== undefined && delimiter !== '/')
    throw OciErrors.invalidParameter("The only supported delimiter is '/'");
  const limit = parseListLimit(req, 1000, 1000);
  const fields = new Set(['name']);
  for (const f of (req.query('fields') ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)) {
    if (!FIELDS.includes(f)) throw OciErrors.invalidParameter(`Unknown field '${f}'; use ${FIELDS.join(', ')}`);
    fields.add(f);
  }
  if (restrictPrefix && !prefix.startsWith(restrictPrefix) && !restrictPrefix.startsWith(prefix))
    return { objects: [] };
  const effPrefix = prefix.length >= restrictPrefix.length ? prefix : restrictPrefix;

  const names = os.state.objectNames(bucket);
  let i = lowerBound(names, effPrefix);
  if (start !== undefined) i = Math.max(i, lowerBound(names, start));
  if (startAfter !== undefined) i = Math.max(i, lowerBound(names, startAfter, true));
  const objects: Record<string, unknown>[] = [];
  const prefixes: string[] = [];
  let nextStartWith: string | undefined;
  while (i < names.length) {
    const name = names[i]!;
    if (!name.startsWith(effPrefix) || (end !== undefined && name >= end)) break;
    if (objects.length + prefixes.length >= limit) {
      nextStartWith = name;
      break;
    }
    const cut = delimiter ? name.indexOf(delimiter, prefix.length) : -1;
    if (cut >= 0) {
      const p = name.slice(0, cut + 1);
      if (prefixes[prefixes.length - 1] === p) {
        i++;
        continue;
      }
      prefixes.push(p);
      // skip every name under this prefix: they sort between p and p + U+FFFF
      i = lowerBound(names, p + '\uffff');
      continue;
    }
    objects.push(summary(os, bucket, name, fields));
    i++;
  }
  return { objects, ...(delimiter ? { prefixes } : {}), ...(nextStartWith !== undefined ? { nextStartWith } : {}) };
}

function summary(os: OsContext, bucket: string, name: string, fields: Set<string>): Record<string, unknown> {
  const o = os.state.getObject(bucket, name)!;
  const s: Record<string, unknown> = { name };
  if (fields.has('size')) s.size = o.size;
  if (fields.has('etag')) s.etag = o.etag;
  if (fields.has('md5')) s.md5 = o.md5 ?? o.multipartMd5;
  if (fields.has('timecreated')) s.timeCreated = o.timeCreated;
  if (fields.has('timemodified')) s.timeModified = o.timeModified;
  if (fields.has('storagetier')) s.storageTier = 'Standard';
  if (fields.has('archivalstate')) s.archivalState = 'Available';
  return s;
}
