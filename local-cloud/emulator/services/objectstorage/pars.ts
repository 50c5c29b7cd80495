/**
 * Pre-authenticated requests: the signed CRUD API and unsigned use under `/p/<token>/...`
 * (reference §7.1 and docs "Pre-Authenticated Request Object URLs"):
 * - GET/HEAD `/p/<t>/n/<ns>/b/<b>/o/<object>` read; PUT writes (`opc-meta-*` accepted);
 * - GET `/p/<t>/n/<ns>/b/<b>/o/` lists (AnyObjectRead[Write] with bucketListingAction ListObjects);
 * - PUT with `opc-multipart: true` starts a multipart upload and answers the upload plus an
 *   `accessUri` `/p/<t2>/n/<ns>/b/<b>/u/<object>/id/<uploadId>/`; PUT `<accessUri><partNum>` uploads
 *   a part, POST `<accessUri>` commits every uploaded part in order, DELETE aborts.
 * Unknown, expired or deleted tokens, and access the PAR does not grant (another object, a read
 * through a write-only PAR, ...) all answer 404 NotAuthorizedOrNotFound, revealing nothing.
 */
import { randomBytes } from 'node:crypto';
import { OciErrors } from '../../core/errors.ts';
import type { EmulatorRequest, Route } from '../../core/types.ts';
import { isoTime, paginateByName, requireBucket, validateObjectName, type OsContext } from './context.ts';
import { OsErrors } from './errors.ts';
import {
  abortUpload,
  commitResponseHeaders,
  commitUpload,
  createUpload,
  parsePartNumber,
  uploadBody,
  uploadPart,
} from './multipart.ts';
import { listObjects, readObject } from './read.ts';
import { hashToken, type AccessType, type BucketRecord, type ParRecord } from './store.ts';
import { objectHeadersOf, putObjectBody, putResponseHeaders } from './write.ts';

const ACCESS_TYPES: AccessType[] = [
  'ObjectRead',
  'ObjectWrite',
  'ObjectReadWrite',
  'AnyObjectRead',
  'AnyObjectWrite',
  'AnyObjectReadWrite',
];
const newToken = () => randomBytes(48).toString('base64url');
const encodePath = (name: string) => name.split('/').map(encodeURIComponent).join('/');
const canRead = (p: ParRecord) => p.accessType.endsWith('Read') || p.accessType.endsWith('ReadWrite');
const canWrite = (p: ParRecord) => p.accessType.endsWith('Write');
const isAny = (p: ParRecord) => p.accessType.startsWith('AnyObject');

function summaryOf(p: ParRecord): Record<string, unknown> {
  return {
    id: p.id,
    name: p.name,
    ...(p.objectName !== undefined ? { objectName: p.objectName } : {}),
    bucketListingAction: p.bucketListingAction ?? 'Deny',
    accessType: p.accessType,
    timeExpires: p.timeExpires,
    timeCreated: p.timeCreated,
  };
}

export function parRoutes(os: OsContext): Route[] {
  const { ctx, state } = os;
  const P = '/n/{namespaceName}/b/{bucketName}/p';

  /** The live PAR behind a token for this namespace and bucket, or 404. */
  function resolve(req: EmulatorRequest): { par: ParRecord; bucket: BucketRecord } {
    const par = state.parByToken(req.params.token!);
    if (
      !par ||
      Date.parse(par.timeExpires) <= ctx.now() ||
      par.namespace !== req.params.namespaceName ||
      par.bucket !== req.params.bucketName
    )
      throw OsErrors.parNotFound();
    const bucket = state.buckets.get(par.bucket);
    if (!bucket) throw OsErrors.parNotFound();
    return { par, bucket };
  }
  function allows(par: ParRecord, name: string, mode: 'read' | 'write'): boolean {
    if (mode === 'read' ? !canRead(par) : !canWrite(par)) return false;
    return isAny(par) ? name.startsWith(par.objectName ?? '') : name === par.objectName;
  }

  return [
    {
      method: 'POST',
      path: P,
      operation: 'CreatePreauthenticatedRequest',
      handler: (req) => {
        const b = requireBucket(os, req);
        const d = req.json<Record<string, unknown>>();
        if (typeof d.name !== 'string' || !d.name) throw OciErrors.invalidParameter('name is required');
        if (!ACCESS_TYPES.includes(d.accessType as AccessType))
          throw OciErrors.invalidParameter(`accessType must be one of ${ACCESS_TYPES.join(', ')}`);
        const accessType = d.accessType as AccessType;
        const expires = typeof d.timeExpires === 'string' ? Date.parse(d.timeExpires) : NaN;
        if (Number.isNaN(expires)) throw OciErrors.invalidParameter('timeExpires must be an RFC 3339 date-time');
        if (expires <= ctx.now()) throw OciErrors.invalidParameter('timeExpires must be in the future');
        const any = accessType.startsWith('AnyObject');
        if (!any && d.objectName === undefined)
          throw OciErrors.missingParameter(`objectName is required for accessType ${accessType}`);
        const objectName =
          d.objectName === undefined || (any && d.objectName === '') ? undefined : validateObjectName(d.objectName);
        const listing = d.bucketListingAction ?? 'Deny';
        if (listing !== 'Deny' && listing !== 'ListObjects')
          throw OciErrors.invalidParameter('bucketListingAction must be Deny or ListObjects');
        if (listing === 'ListObjects' && accessType !== 'AnyObjectRead' && accessType !== 'AnyObjectReadWrite') {
          throw OciErrors.invalidParameter(
            'bucketListingAction ListObjects needs accessType AnyObjectRead or AnyObjectReadWrite',
          );
        }
        const token = newToken();
        const par: ParRecord = {
          id: randomBytes(24).toString('base64url'),
          name: d.name,
          bucket: b.name,
          namespace: b.namespace,
          accessType,
          ...(objectName !== undefined ? { objectName } : {}),
          bucketListingAction: listing,
          timeExpires: isoTime(expires),
          timeCreated: isoTime(ctx.now()),
          createdBy: req.principal?.id ?? '',
          tokenHash: hashToken(token),
        };
        state.putPar(par);
        const accessUri = `/p/${token}/n/${b.namespace}/b/${b.name}/o/${any ? '' : encodePath(objectName!)}`;
        return { body: { ...summaryOf(par), accessUri, fullPath: ctx.baseUrl() + accessUri } };
      },
    },
    {
      method: 'GET',
      path: P,
      operation: 'ListPreauthenticatedRequests',
      handler: (req) => {
        const b = requireBucket(os, req);
        const prefix = req.query('objectNamePrefix') ?? '';
        const all = state.pars.values().filter((p) => p.bucket === b.name && (p.objectName ?? '').startsWith(prefix));
        const { page, next } = paginateByName(all, (p) => `${p.timeCreated}\n${p.id}`, req, 1000, 1000);
        return { headers: { 'opc-next-page': next }, body: page.map(summaryOf) };
      },
    },
    {
      method: 'GET',
      path: `${P}/{parId}`,
      operation: 'GetPreauthenticatedRequest',
      handler: (req) => {
        const b = requireBucket(os, req);
        const p = state.pars.get(req.params.parId!);
        if (!p || p.bucket !== b.name)
          throw OciErrors.notAuthorizedOrNotFound(`No pre-authenticated request ${req.params.parId}`);
        return { body: summaryOf(p) };
      },
    },
    {
      method: 'DELETE',
      path: `${P}/{parId}`,
      operation: 'DeletePreauthenticatedRequest',
      handler: (req) => {
        const b = requireBucket(os, req);
        const p = state.pars.get(req.params.parId!);
        if (!p || p.bucket !== b.name)
          throw OciErrors.notAuthorizedOrNotFound(`No pre-authenticated request ${req.params.parId}`);
        state.deletePar(p.id);
        return { status: 204 };
      },
    },
    ...parUseRoutes(os, resolve, allows),
  ];
}

type Resolve = (req: EmulatorRequest) => { par: ParRecord; bucket: BucketRecord };
type Allows = (par: ParRecord, name: string, mode: 'read' | 'write') => boolean;

function parUseRoutes(os: OsContext, resolve: Resolve, allows: Allows): Route[] {
  const { state, ctx } = os;
  const O = '/p/{token}/n/{namespaceName}/b/{bucketName}/o/{objectName+}';
  const U = '/p/{token}/n/{namespaceName}/b/{bucketName}/u/{rest+}';
  const read = (req: EmulatorRequest) => {
    const { par, bucket } = resolve(req);
    const name = req.params.objectName!;
    const o = state.getObject(bucket.name, name);
    if (!allows(par, name, 'read') || !o) throw OsErrors.parNotFound();
    return readObject(os, req, o);
  };
  /** `<object>/id/<uploadId>/<partNum?>` of a PAR multipart URL, checked against its upload. */
  const upload = (req: EmulatorRequest, wantPart: boolean) => {
    const m = /^(.+)\/id\/([^/]+)\/(\d*)$/.exec(req.params.rest!);
    const u = state.uploadByToken(req.params.token!);
    if (
      !m ||
      !u?.par ||
      u.uploadId !== m[2] ||
      u.object !== m[1] ||
      u.bucket !== req.params.bucketName ||
      wantPart !== (m[3] !== '')
    )
      throw OsErrors.parNotFound();
    const par = state.pars.get(u.par.parId);
    const bucket = state.buckets.get(u.bucket);
    if (
      !par ||
      !bucket ||
      Date.parse(par.timeExpires) <= ctx.now() ||
      par.namespace !== req.params.namespaceName ||
      !allows(par, u.object, 'write')
    )
      throw OsErrors.parNotFound();
    return { u, bucket, partNum: m[3] };
  };
  return [
    { method: 'GET', path: O, operation: 'ParGetObject', auth: 'none', handler: read },
    { method: 'HEAD', path: O, operation: 'ParHeadObject', auth: 'none', handler: read },
    {
      method: 'PUT',
      path: O,
      operation: 'ParPutObject',
      auth: 'none',
      streamBody: true,
      handler: async (req) => {
        const { par, bucket } = resolve(req);
        const name = validateObjectName(req.params.objectName, 'objectName');
        if (!allows(par, name, 'write')) throw OsErrors.parNotFound();
        if ((req.header('opc-multipart') ?? '').toLowerCase() === 'true') {
          const token = newToken();
          const u = createUpload(os, {
            bucket,
            object: name,
            headers: objectHeadersOf(req),
            par: { parId: par.id, tokenHash: hashToken(token) },
          });
          req.stream.resume();
          const objectPath = `/n/${bucket.namespace}/b/${bucket.name}/u/${encodePath(name)}`;
          const accessUri = `/p/${token}${objectPath}/id/${u.uploadId}/`;
          return { body: { ...uploadBody(u, bucket.namespace), accessUri } };
        }
        return { headers: putResponseHeaders(await putObjectBody(os, req, bucket, name)) };
      },
    },
    {
      method: 'DELETE',
      path: O,
      operation: 'ParDeleteObject',
      auth: 'none',
      handler: (req) => {
        resolve(req);
        throw OsErrors.parNotFound();
      },
    },
    {
      method: 'GET',
      path: '/p/{token}/n/{namespaceName}/b/{bucketName}/o/',
      operation: 'ParListObjects',
      auth: 'none',
      handler: (req) => {
        const { par, bucket } = resolve(req);
        if (!isAnyList(par)) throw OsErrors.parNotFound();
        return { body: listObjects(os, bucket.name, req, par.objectName ?? '') };
      },
    },
    {
      method: 'PUT',
      path: U,
      operation: 'ParUploadPart',
      auth: 'none',
      streamBody: true,
      handler: async (req) => {
        const { u, partNum } = upload(req, true);
        const part = await uploadPart(os, req, u, parsePartNumber(partNum));
        return { headers: { etag: part.etag, 'opc-content-md5': part.md5 } };
      },
    },
    {
      method: 'POST',
      path: U,
      operation: 'ParCommitMultipartUpload',
      auth: 'none',
      handler: async (req) => {
        const { u, bucket } = upload(req, false);
        const parts = state.partsOf(u.uploadId);
        if (parts.length === 0) throw OciErrors.invalidParameter('No parts were uploaded');
        const o = await commitUpload(
          os,
          bucket,
          u,
          { partsToCommit: parts.map((p) => ({ partNum: p.partNumber, etag: p.etag })), partsToExclude: [] },
          {},
        );
        return { headers: commitResponseHeaders(o) };
      },
    },
    {
      method: 'DELETE',
      path: U,
      operation: 'ParAbortMultipartUpload',
      auth: 'none',
      handler: (req) => {
        abortUpload(os, upload(req, false).u);
        return { status: 204 };
      },
    },
  ];
}

const isAnyList = (p: ParRecord) =>
  (p.accessType === 'AnyObjectRead' || p.accessType === 'AnyObjectReadWrite') &&
  p.bucketListingAction === 'ListObjects';
