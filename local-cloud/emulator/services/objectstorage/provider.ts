/**
 * Object Storage provider of the local OCI emulator (paths per reference §7.1, bodies per
 * oci-objectstorage 2.139.1 `lib/model/*.d.ts`). One namespace (the tenancy's), buckets, objects,
 * multipart uploads, pre-authenticated requests, and object events when a bucket has
 * `objectEventsEnabled` (reference §4). State lives in `ctx.store` (records + blobs) and survives
 * restarts; listing uses in-memory sorted indexes.
 *
 * Limitations against OCI (each answers a clear error rather than pretending):
 * - No versioning, archive/infrequent tiers, retention rules, lifecycle policies, replication,
 *   private endpoints, SSE-C/KMS keys, checksum algorithms other than MD5, CopyObject,
 *   BatchDeleteObjects, RestoreObjects, Reencrypt, UpdateObjectStorageTier, MakeBucketWritable,
 *   work requests, UpdateNamespaceMetadata: all 501 NotImplemented naming the operation.
 *   `versionId` on GetObject and bucket rename through UpdateBucket are 501 too.
 * - No IAM: any authenticated principal may do anything; `publicAccessType` is stored but anonymous
 *   reads of public buckets are not served.
 * - Names sort by UTF-16 code units (OCI sorts by UTF-8 bytes; they differ only past U+FFFF vs
 *   U+E000-U+FFFF). With `delimiter=/`, prefixes count toward `limit` (unverified against OCI).
 * - Multipart: non-last parts must be ≥ `minPartSize` (default 10 MiB, a third-party figure);
 *   a wrong part ETag or part list answers 400 InvalidParameter (OCI's exact code unverified).
 *   Part ETags are UUIDs.
 * - PARs: denied, unknown, expired and deleted tokens all answer 404 NotAuthorizedOrNotFound
 *   (OCI's exact status for wrong-method use is unverified). AnyObject* PARs with an `objectName`
 *   treat it as a name prefix. PAR multipart URL shapes follow OCI's docs; the PAR commit commits
 *   every uploaded part in order. `fullPath` uses the emulator's base URL.
 * - RenameObject keeps the ETag and emits deleteobject + createobject/updateobject (unverified).
 * - Blobs no record refers to (left by a kill mid-write) are deleted when the provider starts.
 * - GetObject/HeadObject `if-none-match` equal to the ETag answers 304 without a body (per the
 *   SDK's docs); a failed `if-match` answers 412 IfMatchFailed.
 */
import { createLogger, type Logger } from '#local/product.ts';
import type { Provider, ProviderContext, ProviderFactory, UnimplementedRoute } from '../../core/types.ts';
import { objectStorageApi } from './api.ts';
import { bucketRoutes } from './buckets.ts';
import { DEFAULT_MIN_PART_SIZE, MAX_PUT_SIZE, type ObjectStorageOptions, type OsContext } from './context.ts';
import { multipartRoutes } from './multipart.ts';
import { objectRoutes } from './objects.ts';
import { parRoutes } from './pars.ts';
import { OsStore } from './store.ts';

const B = '/n/{namespaceName}/b/{bucketName}';
const UNIMPLEMENTED: UnimplementedRoute[] = [
  { method: 'PUT', path: '/n/{namespaceName}', operation: 'UpdateNamespaceMetadata' },
  { method: 'POST', path: `${B}/actions/copyObject`, operation: 'CopyObject' },
  { method: 'POST', path: `${B}/actions/batchDeleteObjects`, operation: 'BatchDeleteObjects' },
  { method: 'POST', path: `${B}/actions/restoreObjects`, operation: 'RestoreObjects' },
  { method: 'POST', path: `${B}/actions/updateObjectStorageTier`, operation: 'UpdateObjectStorageTier' },
  { method: 'POST', path: `${B}/actions/makeBucketWritable`, operation: 'MakeBucketWritable' },
  { method: 'POST', path: `${B}/actions/reencrypt`, operation: 'ReencryptBucket' },
  { method: 'POST', path: `${B}/actions/reencrypt/{objectName+}`, operation: 'ReencryptObject' },
  { method: 'GET', path: `${B}/objectversions`, operation: 'ListObjectVersions' },
  { method: 'GET', path: `${B}/l`, operation: 'GetObjectLifecyclePolicy' },
  { method: 'PUT', path: `${B}/l`, operation: 'PutObjectLifecyclePolicy' },
  { method: 'DELETE', path: `${B}/l`, operation: 'DeleteObjectLifecyclePolicy' },
  { method: 'GET', path: `${B}/replicationPolicies`, operation: 'ListReplicationPolicies' },
  { method: 'POST', path: `${B}/replicationPolicies`, operation: 'CreateReplicationPolicy' },
  { method: 'GET', path: `${B}/replicationPolicies/{replicationId}`, operation: 'GetReplicationPolicy' },
  { method: 'DELETE', path: `${B}/replicationPolicies/{replicationId}`, operation: 'DeleteReplicationPolicy' },
  { method: 'GET', path: `${B}/replicationSources`, operation: 'ListReplicationSources' },
  { method: 'GET', path: `${B}/retentionRules`, operation: 'ListRetentionRules' },
  { method: 'POST', path: `${B}/retentionRules`, operation: 'CreateRetentionRule' },
  { method: 'GET', path: `${B}/retentionRules/{retentionRuleId}`, operation: 'GetRetentionRule' },
  { method: 'PUT', path: `${B}/retentionRules/{retentionRuleId}`, operation: 'UpdateRetentionRule' },
  { method: 'DELETE', path: `${B}/retentionRules/{retentionRuleId}`, operation: 'DeleteRetentionRule' },
  { method: 'GET', path: '/n/{namespaceName}/pe', operation: 'ListPrivateEndpoints' },
  { method: 'POST', path: '/n/{namespaceName}/pe', operation: 'CreatePrivateEndpoint' },
  { method: 'GET', path: '/n/{namespaceName}/pe/{peName}', operation: 'GetPrivateEndpoint' },
  { method: 'POST', path: '/n/{namespaceName}/pe/{peName}', operation: 'UpdatePrivateEndpoint' },
  { method: 'DELETE', path: '/n/{namespaceName}/pe/{peName}', operation: 'DeletePrivateEndpoint' },
  { method: 'GET', path: '/workRequests', operation: 'ListWorkRequests' },
  { method: 'GET', path: '/workRequests/{workRequestId}', operation: 'GetWorkRequest' },
  { method: 'DELETE', path: '/workRequests/{workRequestId}', operation: 'CancelWorkRequest' },
  { method: 'GET', path: '/workRequests/{workRequestId}/errors', operation: 'ListWorkRequestErrors' },
  { method: 'GET', path: '/workRequests/{workRequestId}/logs', operation: 'ListWorkRequestLogs' },
];

/**
 * Delete blobs no object or part record refers to. A process killed between writing a body and its
 * record, or between swapping a record and deleting the old body, leaves such orphans. Only Object
 * Storage keeps blobs in `ctx.store.blobs`, and this runs before the emulator listens, so no write
 * is in flight. Returns how many were deleted.
 */
export function reclaimOrphanBlobs(ctx: ProviderContext, state: OsStore): number {
  const referenced = state.referencedBlobIds();
  let reclaimed = 0;
  for (const id of ctx.store.blobs.ids()) {
    if (referenced.has(id)) continue;
    ctx.store.blobs.delete(id);
    reclaimed++;
  }
  return reclaimed;
}

/** Options of {@link createObjectStorageProvider}. */
export interface ObjectStorageProviderOptions extends ObjectStorageOptions {
  /** @default createLogger({ base: { component: 'emulator', service: 'objectstorage' } }) */
  log?: Logger;
}

/** The Object Storage provider with its options (e.g. a small `minPartSize` for tests). */
export function createObjectStorageProvider(options: ObjectStorageProviderOptions = {}): ProviderFactory {
  return (ctx: ProviderContext): Provider => {
    const os: OsContext = {
      ctx,
      state: new OsStore(ctx.store),
      options: {
        minPartSize: options.minPartSize ?? DEFAULT_MIN_PART_SIZE,
        maxObjectSize: options.maxObjectSize ?? MAX_PUT_SIZE,
      },
    };
    const reclaimed = reclaimOrphanBlobs(ctx, os.state);
    if (reclaimed > 0) {
      (options.log ?? createLogger({ base: { component: 'emulator', service: 'objectstorage' } })).info(
        'reclaimed orphaned blobs',
        { reclaimed },
      );
    }
    return {
      name: 'objectstorage',
      prefixes: ['/n', '/p'],
      routes: [...bucketRoutes(os), ...objectRoutes(os), ...multipartRoutes(os), ...parRoutes(os)],
      unimplemented: UNIMPLEMENTED,
      onReset: () => os.state.reindex(),
      ...objectStorageApi(os),
    };
  };
}

/** The default Object Storage provider (registered in services/index.ts). */
export const objectStorageProvider: ProviderFactory = createObjectStorageProvider();
