/** Namespace and bucket operations (GetNamespace, CreateBucket, GetBucket, ListBuckets, ...). */
import { OciErrors } from '../../core/errors.ts';
import { isOcid, newEtag, newOcid } from '../../core/ids.ts';
import type { EmulatorRequest, Route } from '../../core/types.ts';
import { isoTime, paginateByName, requireBucket, requireNamespace, type OsContext } from './context.ts';
import { OsErrors } from './errors.ts';
import type { BucketRecord } from './store.ts';

const BUCKET_NAME = /^[A-Za-z0-9._-]{1,256}$/;
const PUBLIC_ACCESS = ['NoPublicAccess', 'ObjectRead', 'ObjectReadWithoutList'];

function bucketBody(os: OsContext, b: BucketRecord, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {
    namespace: b.namespace,
    name: b.name,
    compartmentId: b.compartmentId,
    metadata: b.metadata,
    createdBy: b.createdBy,
    timeCreated: b.timeCreated,
    etag: b.etag,
    publicAccessType: b.publicAccessType,
    storageTier: b.storageTier,
    objectEventsEnabled: b.objectEventsEnabled,
    freeformTags: b.freeformTags,
    definedTags: b.definedTags,
    replicationEnabled: false,
    isReadOnly: false,
    id: b.id,
    versioning: 'Disabled',
    autoTiering: 'Disabled',
  };
  if (fields.includes('approximateCount') || fields.includes('approximateSize')) {
    const names = os.state.objectNames(b.name);
    out.approximateCount = names.length;
    out.approximateSize = names.reduce((s, n) => s + (os.state.getObject(b.name, n)?.size ?? 0), 0);
  }
  return out;
}

function checkStringMap(v: unknown, what: string): Record<string, string> | undefined {
  if (v === undefined) return undefined;
  if (!v || typeof v !== 'object' || Array.isArray(v) || Object.values(v).some((x) => typeof x !== 'string')) {
    throw OciErrors.invalidParameter(`${what} must be an object of string values`);
  }
  return v as Record<string, string>;
}

function checkEtag(req: EmulatorRequest, etag: string): void {
  const im = req.header('if-match');
  if (im !== undefined && im !== etag) throw OsErrors.ifMatchFailed(`The bucket ETag does not match if-match '${im}'`);
  const inm = req.header('if-none-match');
  if (inm !== undefined && (inm === '*' || inm === etag))
    throw OsErrors.ifNoneMatchFailed('The bucket ETag matches if-none-match');
}

export function bucketRoutes(os: OsContext): Route[] {
  const { ctx, state } = os;
  const ns = () => ctx.tenancy.namespace;
  return [
    {
      method: 'GET',
      path: '/n',
      operation: 'GetNamespace',
      handler: (req) => {
        const c = req.query('compartmentId');
        if (c !== undefined && !isOcid(c)) throw OciErrors.invalidParameter('compartmentId must be an OCID');
        return { body: ns() };
      },
    },
    {
      method: 'GET',
      path: '/n/{namespaceName}',
      operation: 'GetNamespaceMetadata',
      handler: (req) => {
        requireNamespace(os, req.params.namespaceName);
        const t = ctx.tenancy.tenancyId;
        return { body: { namespace: ns(), defaultS3CompartmentId: t, defaultSwiftCompartmentId: t } };
      },
    },
    {
      method: 'POST',
      path: '/n/{namespaceName}/b',
      operation: 'CreateBucket',
      handler: (req) => {
        requireNamespace(os, req.params.namespaceName);
        const d = req.json<Record<string, unknown>>();
        if (typeof d.name !== 'string' || !BUCKET_NAME.test(d.name)) {
          throw OciErrors.invalidParameter(
            'name must be 1-256 characters of letters, numbers, dashes, underscores and periods',
          );
        }
        if (!isOcid(d.compartmentId)) throw OciErrors.invalidParameter('compartmentId must be an OCID');
        const pat = d.publicAccessType ?? 'NoPublicAccess';
        if (typeof pat !== 'string' || !PUBLIC_ACCESS.includes(pat))
          throw OciErrors.invalidParameter(`publicAccessType must be one of ${PUBLIC_ACCESS.join(', ')}`);
        if (d.storageTier !== undefined && d.storageTier !== 'Standard')
          throw OciErrors.notImplemented(`objectstorage CreateBucket with storageTier ${String(d.storageTier)}`);
        if (d.versioning !== undefined && d.versioning !== 'Disabled')
          throw OciErrors.notImplemented('objectstorage CreateBucket with versioning');
        if (d.objectEventsEnabled !== undefined && typeof d.objectEventsEnabled !== 'boolean')
          throw OciErrors.invalidParameter('objectEventsEnabled must be a boolean');
        const metadata = checkStringMap(d.metadata, 'metadata') ?? {};
        const freeformTags = checkStringMap(d.freeformTags, 'freeformTags') ?? {};
        if (state.buckets.has(d.name)) throw OsErrors.bucketAlreadyExists(d.name);
        const rec: BucketRecord = {
          namespace: ns(),
          name: d.name,
          id: newOcid('bucket'),
          compartmentId: d.compartmentId,
          createdBy: req.principal?.id ?? ctx.tenancy.admin.userId,
          timeCreated: isoTime(ctx.now()),
          etag: newEtag(),
          publicAccessType: pat,
          storageTier: 'Standard',
          objectEventsEnabled: d.objectEventsEnabled === true,
          metadata,
          freeformTags,
          definedTags: (d.definedTags as BucketRecord['definedTags'] | undefined) ?? {},
        };
        state.buckets.put(rec.name, rec);
        return { headers: { etag: rec.etag, location: `/n/${ns()}/b/${rec.name}` }, body: bucketBody(os, rec, []) };
      },
    },
    {
      method: 'GET',
      path: '/n/{namespaceName}/b/{bucketName}',
      operation: 'GetBucket',
      handler: (req) => {
        const b = requireBucket(os, req);
        if (req.header('if-none-match') === b.etag) return { status: 304, headers: { etag: b.etag } };
        checkEtag({ ...req, header: (n) => (n === 'if-none-match' ? undefined : req.header(n)) }, b.etag);
        const fields = req.queryAll('fields').flatMap((f) => f.split(','));
        return { headers: { etag: b.etag }, body: bucketBody(os, b, fields) };
      },
    },
    {
      method: 'HEAD',
      path: '/n/{namespaceName}/b/{bucketName}',
      operation: 'HeadBucket',
      handler: (req) => {
        const b = requireBucket(os, req);
        if (req.header('if-none-match') === b.etag) return { status: 304, headers: { etag: b.etag } };
        checkEtag({ ...req, header: (n) => (n === 'if-none-match' ? undefined : req.header(n)) }, b.etag);
        return { headers: { etag: b.etag } };
      },
    },
    {
      method: 'GET',
      path: '/n/{namespaceName}/b',
      operation: 'ListBuckets',
      handler: (req) => {
        requireNamespace(os, req.params.namespaceName);
        const c = req.query('compartmentId');
        if (!isOcid(c)) throw OciErrors.missingParameter('compartmentId (an OCID) is required');
        const withTags = req
          .queryAll('fields')
          .flatMap((f) => f.split(','))
          .includes('tags');
        const { page, next } = paginateByName(
          state.buckets.values().filter((b) => b.compartmentId === c),
          (b) => b.name,
          req,
          1000,
          1000,
        );
        const body = page.map((b) => ({
          namespace: b.namespace,
          name: b.name,
          compartmentId: b.compartmentId,
          createdBy: b.createdBy,
          timeCreated: b.timeCreated,
          etag: b.etag,
          ...(withTags ? { freeformTags: b.freeformTags, definedTags: b.definedTags } : {}),
        }));
        return { headers: { 'opc-next-page': next }, body };
      },
    },
    {
      method: 'POST',
      path: '/n/{namespaceName}/b/{bucketName}',
      operation: 'UpdateBucket',
      handler: (req) => {
        const b = requireBucket(os, req);
        const d = req.json<Record<string, unknown>>();
        checkEtag(req, b.etag);
        if (d.name !== undefined && d.name !== b.name)
          throw OciErrors.notImplemented('objectstorage UpdateBucket rename');
        if (d.namespace !== undefined && d.namespace !== b.namespace)
          throw OciErrors.invalidParameter('namespace cannot be changed');
        if (d.compartmentId !== undefined && !isOcid(d.compartmentId))
          throw OciErrors.invalidParameter('compartmentId must be an OCID');
        if (
          d.publicAccessType !== undefined &&
          (typeof d.publicAccessType !== 'string' || !PUBLIC_ACCESS.includes(d.publicAccessType))
        ) {
          throw OciErrors.invalidParameter(`publicAccessType must be one of ${PUBLIC_ACCESS.join(', ')}`);
        }
        if (d.objectEventsEnabled !== undefined && typeof d.objectEventsEnabled !== 'boolean')
          throw OciErrors.invalidParameter('objectEventsEnabled must be a boolean');
        if (d.versioning !== undefined) throw OciErrors.notImplemented('objectstorage UpdateBucket versioning');
        const metadata = checkStringMap(d.metadata, 'metadata');
        const freeformTags = checkStringMap(d.freeformTags, 'freeformTags');
        const rec: BucketRecord = {
          ...b,
          ...(d.compartmentId !== undefined ? { compartmentId: d.compartmentId as string } : {}),
          ...(d.publicAccessType !== undefined ? { publicAccessType: d.publicAccessType as string } : {}),
          ...(d.objectEventsEnabled !== undefined ? { objectEventsEnabled: d.objectEventsEnabled as boolean } : {}),
          ...(metadata ? { metadata } : {}),
          ...(freeformTags ? { freeformTags } : {}),
          ...(d.definedTags !== undefined ? { definedTags: d.definedTags as BucketRecord['definedTags'] } : {}),
          etag: newEtag(),
        };
        state.buckets.put(rec.name, rec);
        return { headers: { etag: rec.etag }, body: bucketBody(os, rec, []) };
      },
    },
    {
      method: 'DELETE',
      path: '/n/{namespaceName}/b/{bucketName}',
      operation: 'DeleteBucket',
      handler: (req) => {
        const b = requireBucket(os, req);
        checkEtag(req, b.etag);
        if (state.objectCount(b.name) > 0 || state.uploads.values().some((u) => u.bucket === b.name))
          throw OsErrors.bucketNotEmpty(b.name);
        for (const p of state.pars.values()) if (p.bucket === b.name) state.deletePar(p.id);
        state.buckets.delete(b.name);
        state.dropBucketIndex(b.name);
        return { status: 204 };
      },
    },
  ];
}
