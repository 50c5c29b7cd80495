/** Object operations: PutObject, GetObject, HeadObject, DeleteObject, ListObjects, RenameObject. */
import { OciErrors } from '../../core/errors.ts';
import type { Route } from '../../core/types.ts';
import { emitObjectEvent, requireBucket, requireObject, validateObjectName, type OsContext } from './context.ts';
import { OsErrors } from './errors.ts';
import { listObjects, readObject } from './read.ts';
import { checkPreconditions, putObjectBody, putResponseHeaders } from './write.ts';

const OBJECT = '/n/{namespaceName}/b/{bucketName}/o/{objectName+}';

export function objectRoutes(os: OsContext): Route[] {
  const { state } = os;
  return [
    {
      method: 'PUT',
      path: OBJECT,
      operation: 'PutObject',
      unsignedBody: true,
      streamBody: true,
      handler: async (req) => {
        const b = requireBucket(os, req);
        const name = validateObjectName(req.params.objectName, 'objectName');
        const o = await putObjectBody(os, req, b, name);
        return { headers: putResponseHeaders(o) };
      },
    },
    {
      method: 'GET',
      path: OBJECT,
      operation: 'GetObject',
      handler: (req) => {
        const b = requireBucket(os, req);
        if (req.query('versionId') !== undefined)
          throw OciErrors.notImplemented('objectstorage GetObject with versionId');
        return readObject(os, req, requireObject(os, b.name, req.params.objectName!));
      },
    },
    {
      method: 'HEAD',
      path: OBJECT,
      operation: 'HeadObject',
      handler: (req) => {
        const b = requireBucket(os, req);
        return readObject(os, req, requireObject(os, b.name, req.params.objectName!));
      },
    },
    {
      method: 'DELETE',
      path: OBJECT,
      operation: 'DeleteObject',
      handler: (req) => {
        const b = requireBucket(os, req);
        const o = requireObject(os, b.name, req.params.objectName!);
        const ifMatch = req.header('if-match');
        if (ifMatch !== undefined) checkPreconditions(o, { ifMatch }, o.name);
        state.deleteObject(b.name, o.name);
        os.ctx.store.blobs.delete(o.blobId);
        emitObjectEvent(os, b, 'deleteobject', o);
        return { status: 204, headers: { 'last-modified': new Date(os.ctx.now()).toUTCString() } };
      },
    },
    {
      method: 'GET',
      path: '/n/{namespaceName}/b/{bucketName}/o',
      operation: 'ListObjects',
      handler: (req) => ({ body: listObjects(os, requireBucket(os, req).name, req) }),
    },
    {
      method: 'POST',
      path: '/n/{namespaceName}/b/{bucketName}/actions/renameObject',
      operation: 'RenameObject',
      handler: (req) => {
        const b = requireBucket(os, req);
        const d = req.json<Record<string, unknown>>();
        const from = validateObjectName(d.sourceName, 'sourceName');
        const to = validateObjectName(d.newName, 'newName');
        const src = requireObject(os, b.name, from);
        if (typeof d.srcObjIfMatchETag === 'string' && d.srcObjIfMatchETag !== src.etag)
          throw OsErrors.ifMatchFailed(`The ETag of '${from}' does not match srcObjIfMatchETag`);
        if (d.newObjIfNoneMatchETag !== undefined && d.newObjIfNoneMatchETag !== '*')
          throw OciErrors.invalidParameter("The only valid newObjIfNoneMatchETag is '*'");
        const dst = state.getObject(b.name, to);
        checkPreconditions(
          dst,
          {
            ...(typeof d.newObjIfMatchETag === 'string' ? { ifMatch: d.newObjIfMatchETag } : {}),
            ...(d.newObjIfNoneMatchETag === '*' ? { ifNoneMatch: '*' } : {}),
          },
          to,
        );
        if (from === to)
          return { headers: { etag: src.etag, 'last-modified': new Date(src.timeModified).toUTCString() } };
        // OCI keeps the ETag and body on rename; the old destination body (if any) is dropped
        const moved = { ...src, name: to };
        state.putObject(moved);
        state.deleteObject(b.name, from);
        if (dst) os.ctx.store.blobs.delete(dst.blobId);
        emitObjectEvent(os, b, 'deleteobject', src);
        emitObjectEvent(os, b, dst ? 'updateobject' : 'createobject', moved);
        return { headers: { etag: moved.etag, 'last-modified': new Date(moved.timeModified).toUTCString() } };
      },
    },
  ];
}
