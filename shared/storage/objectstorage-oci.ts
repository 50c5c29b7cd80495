/**
 * The {@link ObjectStore} port on oci-objectstorage. Every call goes through `withRetry` and maps
 * failures with `toAppError`; PAR creation carries one retry token across attempts.
 */
import { type ObjectStorageClient, models } from 'oci-objectstorage';
import { toAppError, withRetry, isOciError, type RetryOptions } from '../oci/index.ts';
import type { CreatedPar, ObjectHead, ObjectPage, ObjectStore, ParAccess } from './port.ts';

/** Options of {@link createOciObjectStore}. */
export interface OciObjectStoreOptions {
  client: ObjectStorageClient;
  /** Skip getNamespace (env `OS_NAMESPACE`). */
  namespace?: string;
  /** Compartment for getNamespace (the tenancy by default). */
  compartmentId?: string;
  /**
   * Base of PAR URLs (`<base><accessUri>`). @default the client's endpoint (the emulator locally,
   * `https://objectstorage.<region>.oraclecloud.com` in OCI).
   */
  parBaseUrl?: string;
  /** Retry settings for every call (e.g. a deadline). */
  retry?: () => RetryOptions;
}

const ACCESS: Record<ParAccess, models.CreatePreauthenticatedRequestDetails.AccessType> = {
  ObjectRead: models.CreatePreauthenticatedRequestDetails.AccessType.ObjectRead,
  ObjectWrite: models.CreatePreauthenticatedRequestDetails.AccessType.ObjectWrite,
};

const notFound = (e: unknown) => isOciError(e) && e.statusCode === 404;

/**
 * The SDK hands `last-modified` over as a string it reformatted, not always ISO (seen:
 * "2026-11-22T1:59:29Z", hour not padded). Parse it tolerantly; `undefined` if hopeless.
 */
export function parseSdkDate(v: unknown): Date | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v;
  if (typeof v !== 'string') return undefined;
  const direct = Date.parse(v);
  if (!Number.isNaN(direct)) return new Date(direct);
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})T(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d{1,3}))?Z$/.exec(v.trim());
  if (!m) return undefined;
  const n = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  return new Date(Date.UTC(n[0], n[1] - 1, n[2], n[3], n[4], n[5], ms));
}

/**
 * Builds the adapter.
 * @example createOciObjectStore({ client: createOciClient(ObjectStorageClient, { service: 'OBJECTSTORAGE' }) })
 */
export function createOciObjectStore(options: OciObjectStoreOptions): ObjectStore {
  const { client } = options;
  let ns: Promise<string> | undefined = options.namespace ? Promise.resolve(options.namespace) : undefined;
  const run = async <T>(op: () => Promise<T>): Promise<T> => {
    try {
      return await withRetry(op, options.retry?.() ?? {});
    } catch (e: unknown) {
      throw toAppError(e);
    }
  };
  const namespace = (): Promise<string> => {
    ns ??= run(
      async () =>
        (await client.getNamespace(options.compartmentId ? { compartmentId: options.compartmentId } : {})).value,
    ).catch((e: unknown) => {
      ns = undefined; // do not cache a failure
      throw e;
    });
    return ns;
  };
  return {
    namespace,
    async createPar({ bucket, objectName, access, expiresAt, name }): Promise<CreatedPar> {
      const namespaceName = await namespace();
      const res = await run(() =>
        client.createPreauthenticatedRequest({
          namespaceName,
          bucketName: bucket,
          createPreauthenticatedRequestDetails: {
            name,
            objectName,
            accessType: ACCESS[access],
            timeExpires: expiresAt,
          },
        }),
      );
      const par = res.preauthenticatedRequest;
      const base = (options.parBaseUrl ?? client.endpoint).replace(/\/+$/, '');
      const url = options.parBaseUrl === undefined && par.fullPath ? par.fullPath : `${base}${par.accessUri}`;
      return { id: par.id, url, expiresAt: parseSdkDate(par.timeExpires) ?? expiresAt };
    },
    async deletePar({ bucket, parId }) {
      const namespaceName = await namespace();
      try {
        await withRetry(
          () => client.deletePreauthenticatedRequest({ namespaceName, bucketName: bucket, parId }),
          options.retry?.() ?? {},
        );
      } catch (e: unknown) {
        if (!notFound(e)) throw toAppError(e);
      }
    },
    async head({ bucket, objectName }): Promise<ObjectHead | undefined> {
      const namespaceName = await namespace();
      try {
        const r = await withRetry(
          () => client.headObject({ namespaceName, bucketName: bucket, objectName }),
          options.retry?.() ?? {},
        );
        const out: ObjectHead = { sizeBytes: Number(r.contentLength), eTag: r.eTag };
        const lastModified = parseSdkDate(r.lastModified);
        if (lastModified) out.lastModified = lastModified;
        return out;
      } catch (e: unknown) {
        if (notFound(e)) return undefined;
        throw toAppError(e);
      }
    },
    async list({ bucket, prefix, start, limit }): Promise<ObjectPage> {
      const namespaceName = await namespace();
      const r = await run(() =>
        client.listObjects({
          namespaceName,
          bucketName: bucket,
          prefix,
          limit: Math.min(limit ?? 1000, 1000),
          fields: 'name,size,etag,timeCreated',
          ...(start ? { start } : {}),
        }),
      );
      const page: ObjectPage = {
        objects: r.listObjects.objects.map((o) => ({
          name: o.name,
          sizeBytes: Number(o.size ?? 0),
          ...(o.etag ? { eTag: o.etag } : {}),
          ...(parseSdkDate(o.timeCreated) ? { timeCreated: parseSdkDate(o.timeCreated)! } : {}),
        })),
      };
      if (r.listObjects.nextStartWith) page.nextStart = r.listObjects.nextStartWith;
      return page;
    },
    async delete({ bucket, objectName }): Promise<boolean> {
      const namespaceName = await namespace();
      try {
        await withRetry(
          () => client.deleteObject({ namespaceName, bucketName: bucket, objectName }),
          options.retry?.() ?? {},
        );
        return true;
      } catch (e: unknown) {
        if (notFound(e)) return false;
        throw toAppError(e);
      }
    },
  };
}
