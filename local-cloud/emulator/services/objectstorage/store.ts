/**
 * Object Storage state: buckets, object metadata, PARs, multipart uploads and parts as records in
 * `ctx.store` collections (bodies live in `ctx.store.blobs`), plus in-memory indexes rebuilt from
 * the records on start: a sorted name list per bucket (listing never re-reads the disk) and PAR
 * token hashes. Object keys are `<bucket>\n<name>` (names cannot hold NUL, but `\n` is legal in a
 * name and cannot appear in a bucket name, so the split is unambiguous).
 */
import { createHash } from 'node:crypto';
import type { Collection, StateStore } from '../../core/store.ts';

export const SERVICE = 'objectstorage';

export interface BucketRecord {
  namespace: string;
  name: string;
  id: string;
  compartmentId: string;
  createdBy: string;
  timeCreated: string;
  etag: string;
  publicAccessType: string;
  storageTier: string;
  objectEventsEnabled: boolean;
  metadata: Record<string, string>;
  freeformTags: Record<string, string>;
  definedTags: Record<string, Record<string, unknown>>;
}

export interface ObjectHeaders {
  contentType: string;
  contentLanguage?: string;
  contentEncoding?: string;
  contentDisposition?: string;
  cacheControl?: string;
  /** keys in `opc-meta-<k>` form, lower-cased */
  meta: Record<string, string>;
}

export interface ObjectRecord extends ObjectHeaders {
  bucket: string;
  name: string;
  blobId: string;
  size: number;
  /** base64 MD5 of the body (single-part uploads) */
  md5?: string;
  /** `<base64 md5 of part md5s>-<N>` (multipart uploads) */
  multipartMd5?: string;
  etag: string;
  timeCreated: string;
  timeModified: string;
}

export type AccessType =
  | 'ObjectRead'
  | 'ObjectWrite'
  | 'ObjectReadWrite'
  | 'AnyObjectRead'
  | 'AnyObjectWrite'
  | 'AnyObjectReadWrite';

export interface ParRecord {
  id: string;
  name: string;
  bucket: string;
  namespace: string;
  accessType: AccessType;
  /** Object* types: the object; AnyObject* types: an optional name prefix */
  objectName?: string;
  bucketListingAction?: 'Deny' | 'ListObjects';
  timeExpires: string;
  timeCreated: string;
  createdBy: string;
  /** sha256 of the token: the URL itself is never stored (as on OCI) */
  tokenHash: string;
}

export interface UploadRecord extends ObjectHeaders {
  uploadId: string;
  bucket: string;
  object: string;
  timeCreated: string;
  storageTier: string;
  /** uploads started through a PAR: the PAR and the hash of the upload's own access token */
  par?: { parId: string; tokenHash: string };
}

export interface PartRecord {
  uploadId: string;
  partNumber: number;
  blobId: string;
  size: number;
  md5: string;
  etag: string;
  time: string;
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
const objectKey = (bucket: string, name: string) => `${bucket}\n${name}`;
const partKey = (uploadId: string, n: number) => `${uploadId}/${String(n).padStart(5, '0')}`;

/** Index of the first element of `arr` that is >= `value` (or > when `strict`). */
export function lowerBound(arr: readonly string[], value: string, strict = false): number {
  let lo = 0,
    hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]! < value || (strict && arr[mid] === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class OsStore {
  readonly buckets: Collection<BucketRecord>;
  private readonly objects: Collection<ObjectRecord>;
  readonly pars: Collection<ParRecord>;
  readonly uploads: Collection<UploadRecord>;
  private readonly parts: Collection<PartRecord>;
  private names = new Map<string, string[]>();
  private parTokens = new Map<string, string>();
  private uploadTokens = new Map<string, string>();

  constructor(store: StateStore) {
    this.buckets = store.collection(SERVICE, 'buckets');
    this.objects = store.collection(SERVICE, 'objects');
    this.pars = store.collection(SERVICE, 'pars');
    this.uploads = store.collection(SERVICE, 'uploads');
    this.parts = store.collection(SERVICE, 'parts');
    this.reindex();
  }

  /** Rebuild the in-memory indexes from the records (start, reset). */
  reindex(): void {
    this.names = new Map();
    for (const o of this.objects.values())
      (this.names.get(o.bucket) ?? this.names.set(o.bucket, []).get(o.bucket)!).push(o.name);
    for (const list of this.names.values()) list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    this.parTokens = new Map(this.pars.values().map((p) => [p.tokenHash, p.id]));
    this.uploadTokens = new Map(
      this.uploads
        .values()
        .filter((u) => u.par)
        .map((u) => [u.par!.tokenHash, u.uploadId]),
    );
  }

  getObject(bucket: string, name: string): ObjectRecord | undefined {
    return this.objects.get(objectKey(bucket, name));
  }

  putObject(rec: ObjectRecord): void {
    const existed = this.objects.has(objectKey(rec.bucket, rec.name));
    this.objects.put(objectKey(rec.bucket, rec.name), rec);
    if (!existed) {
      const list = this.names.get(rec.bucket) ?? this.names.set(rec.bucket, []).get(rec.bucket)!;
      list.splice(lowerBound(list, rec.name), 0, rec.name);
    }
  }

  deleteObject(bucket: string, name: string): void {
    if (!this.objects.delete(objectKey(bucket, name))) return;
    const list = this.names.get(bucket);
    if (!list) return;
    const i = lowerBound(list, name);
    if (list[i] === name) list.splice(i, 1);
  }

  /** Sorted object names of a bucket (do not mutate). */
  objectNames(bucket: string): readonly string[] {
    return this.names.get(bucket) ?? [];
  }
  objectCount(bucket: string): number {
    return this.objectNames(bucket).length;
  }
  dropBucketIndex(bucket: string): void {
    this.names.delete(bucket);
  }

  putPar(rec: ParRecord): void {
    this.pars.put(rec.id, rec);
    this.parTokens.set(rec.tokenHash, rec.id);
  }
  deletePar(id: string): void {
    const p = this.pars.get(id);
    if (!p) return;
    this.pars.delete(id);
    this.parTokens.delete(p.tokenHash);
  }
  parByToken(token: string): ParRecord | undefined {
    const id = this.parTokens.get(hashToken(token));
    return id === undefined ? undefined : this.pars.get(id);
  }

  putUpload(rec: UploadRecord): void {
    this.uploads.put(rec.uploadId, rec);
    if (rec.par) this.uploadTokens.set(rec.par.tokenHash, rec.uploadId);
  }
  uploadByToken(token: string): UploadRecord | undefined {
    const id = this.uploadTokens.get(hashToken(token));
    return id === undefined ? undefined : this.uploads.get(id);
  }
  /** Forget an upload and its part records; returns the parts so the caller can drop blobs. */
  deleteUpload(uploadId: string): PartRecord[] {
    const u = this.uploads.get(uploadId);
    const parts = this.partsOf(uploadId);
    for (const p of parts) this.parts.delete(partKey(uploadId, p.partNumber));
    this.uploads.delete(uploadId);
    if (u?.par) this.uploadTokens.delete(u.par.tokenHash);
    return parts;
  }

  /** Every blob a record refers to: object bodies and uploaded multipart parts. */
  referencedBlobIds(): Set<string> {
    return new Set([...this.objects.values().map((o) => o.blobId), ...this.parts.values().map((p) => p.blobId)]);
  }

  getPart(uploadId: string, n: number): PartRecord | undefined {
    return this.parts.get(partKey(uploadId, n));
  }
  putPart(rec: PartRecord): void {
    this.parts.put(partKey(rec.uploadId, rec.partNumber), rec);
  }
  partsOf(uploadId: string): PartRecord[] {
    return this.parts
      .values()
      .filter((p) => p.uploadId === uploadId)
      .sort((a, b) => a.partNumber - b.partNumber);
  }
}
