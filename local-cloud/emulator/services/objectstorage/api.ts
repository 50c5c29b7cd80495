/**
 * The Object Storage provider's programmatic API for other providers (added for the compute
 * provider's exportImage): write an object as the service itself, through the same commit path
 * as PutObject, so the bucket's object event fires.
 */
import { requireNamespace, validateObjectName, type OsContext } from './context.ts';
import { OsErrors } from './errors.ts';
import { commitObject, receiveBody } from './write.ts';

export interface PutObjectInput {
  namespace: string;
  bucket: string;
  objectName: string;
  body: Buffer;
  /** @default application/octet-stream */
  contentType?: string;
  /** keys in `opc-meta-<k>` form */
  meta?: Record<string, string>;
}

export interface ObjectStorageApi {
  /** Write (create or replace) an object; 404 BucketNotFound / NamespaceNotFound as PutObject. */
  putObject(i: PutObjectInput): Promise<{ etag: string; size: number }>;
  /** Whether `bucket` exists in `namespace`. */
  hasBucket(namespace: string, bucket: string): boolean;
}

export function objectStorageApi(os: OsContext): ObjectStorageApi {
  return {
    async putObject(i) {
      requireNamespace(os, i.namespace);
      const bucket = os.state.buckets.get(i.bucket);
      if (!bucket) throw OsErrors.bucketNotFound(i.bucket);
      const name = validateObjectName(i.objectName);
      const blob = await receiveBody(os, i.body, { maxBytes: os.options.maxObjectSize });
      const rec = commitObject(os, {
        bucket,
        name,
        blob,
        headers: { contentType: i.contentType ?? 'application/octet-stream', meta: i.meta ?? {} },
        preconditions: {},
      });
      return { etag: rec.etag, size: rec.size };
    },
    hasBucket: (namespace, bucket) => namespace === os.ctx.tenancy.namespace && os.state.buckets.has(bucket),
  };
}
