/**
 * The presign use cases, on ports only: admission through the quota ledger, PARs and listings
 * through the ObjectStore, byte give-back through settlement's reconcile (the same idempotent
 * step the bucket events run, so a delete settles once whichever runs first).
 */
import { randomUUID } from 'node:crypto';
import { ForbiddenError, NotFoundError, isAppError } from '#shared/errors.ts';
import type { Actor } from '#shared/graphql/roles.ts';
import { QuotaRefusedError } from './errors.ts';
import type { Logger } from '#shared/log.ts';
import { connectionOf, decodeCursor } from '#shared/graphql/connection.ts';
import type { JobOwners } from './jobs.ts';
import { requireJobAccess } from './jobs.ts';
import type { Ledger } from './ledger.ts';
import {
  buildObjectPath,
  collectionPrefix,
  formatUri,
  parseUri,
  requireId,
  requireSize,
  userSegment,
  type FileKind,
  type ObjectPathParts,
} from './paths.ts';
import { badInput, requireInt } from '../validate.ts';
import type { Settlement } from './settlement.ts';
import type { ObjectStore } from './port.ts';
import { MULTIPART_INSTRUCTIONS, planUpload, type MultipartSettings } from './multipart.ts';

export interface PresignSettings {
  bucket: string;
  /** @default 3600 */
  uploadTtlSeconds: number;
  multipart: MultipartSettings;
}

export interface PresignDeps {
  ledger: Ledger;
  settlement: Settlement;
  jobs: JobOwners;
  store: ObjectStore;
  settings: PresignSettings;
  log?: Logger;
}

/**
 * Who is asking (roles are checked by the resolvers; ownership here). Paths, ownership and the
 * ledger use `userSegment(userId)`; a user id that cannot be one is UNAUTHENTICATED.
 */
export type { Actor } from '../graphql/roles.ts';

/** The file an upload URL is for (as GraphQL checked it: the rules are checked here). */
export interface UploadRequest {
  kind: FileKind;
  collectionId: string;
  filename: string;
  sizeBytes: number;
  contentType?: string | null;
}

/** Which files to list: `first` defaults to 100, `collectionId` is required for LOG. */
export interface FilesRequest {
  kind: FileKind;
  collectionId?: string | null;
  first?: number | null;
  after?: string | null;
}

export const DOWNLOAD_TTL_DEFAULT = 86_400;
export const DOWNLOAD_TTL_MAX = 604_800;
const CONTENT_TYPE =
  /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}(\s*;[\x20-\x7e]{0,200})?$/;

/** A refusal of the request itself (bad input, identity, ownership): nothing was written. */
const isClientError = (e: unknown) =>
  isAppError(e) && e.httpStatus >= 400 && e.httpStatus < 500 && e.httpStatus !== 429 && e.httpStatus !== 409;

export function createPresignService(d: PresignDeps) {
  const { store, settings } = d;
  const bucket = settings.bucket;
  const uriOf = async (path: string) => formatUri(await store.namespace(), bucket, path);

  /** Owner check for an existing path: owner or admin. Logs go through the job owner record. */
  async function requireAccess(parts: ObjectPathParts, actor: Actor): Promise<void> {
    if (parts.kind === 'LOG') {
      await requireJobAccess(d.jobs, parts.collectionId, actor);
      return;
    }
    if (!actor.isAdmin && parts.ownerSegment !== userSegment(actor.userId))
      throw new ForbiddenError('this file belongs to another user');
  }

  async function parse(uri: string) {
    return parseUri(uri, { namespace: await store.namespace(), bucket });
  }

  return {
    async createUploadUrl(actor: Actor, input: UploadRequest) {
      const me = userSegment(actor.userId);
      const target = buildObjectPath({
        kind: input.kind,
        userId: actor.userId,
        collectionId: input.collectionId,
        filename: input.filename,
      });
      const sizeBytes = requireSize(input.sizeBytes, 'sizeBytes');
      if (input.contentType != null && !CONTENT_TYPE.test(input.contentType))
        throw badInput('contentType', 'contentType must be a MIME type such as application/octet-stream');
      const logsOfOther = () => new ForbiddenError(`training job ${target.collectionId} logs belong to another user`);
      if (target.kind === 'LOG') {
        // refuse early, but claim the job only once the upload is admitted: a refused upload changes nothing
        const owner = await d.jobs.owner(target.collectionId);
        if (owner !== undefined && owner !== me) throw logsOfOther();
      }
      const uri = await uriOf(target.path);
      const expiresAt = d.ledger.now() + settings.uploadTtlSeconds * 1000;
      // one id for this request's admission: a lost answer is resolved by re-reading it (ledger.ts)
      const admissionId = randomUUID();
      // nothing left behind: the reservation and the rate slot go away with a failed URL (or lost
      // claim), and with an admission whose outcome stayed unknown (cancelling one that never
      // landed changes nothing)
      const release = (why: string) =>
        d.ledger.cancelAdmission({ userId: actor.userId, path: target.path, admissionId }).catch((c: unknown) =>
          d.log?.error('could not cancel admission; it lapses when the upload URL would have expired', {
            path: target.path,
            admissionId,
            why,
            error: c,
          }),
        );
      let admittedAt: number;
      try {
        ({ admittedAt } = await d.ledger.admit({
          userId: actor.userId,
          path: target.path,
          sizeBytes,
          expiresAt,
          admissionId,
        }));
      } catch (e: unknown) {
        if (!(e instanceof QuotaRefusedError) && !isClientError(e)) await release('admission failed');
        throw e;
      }
      let par;
      try {
        if (target.kind === 'LOG' && (await d.jobs.claim(target.collectionId, me)) !== me) throw logsOfOther();
        par = await store.createPar({
          bucket,
          objectName: target.path,
          access: 'ObjectWrite',
          expiresAt: new Date(expiresAt),
          name: `upload-${me}-${admittedAt}`,
        });
      } catch (e: unknown) {
        await release('upload URL failed');
        throw e;
      }
      const plan = planUpload(sizeBytes, settings.multipart);
      return {
        uri,
        url: par.url,
        method: 'PUT' as const,
        expiresAt: par.expiresAt,
        multipart: plan
          ? { ...plan, method: 'PUT' as const, header: 'opc-multipart: true', instructions: MULTIPART_INSTRUCTIONS }
          : null,
      };
    },

    /** `ttlSeconds` null or absent: {@link DOWNLOAD_TTL_DEFAULT}. */
    async createDownloadUrl(actor: Actor, uri: string, ttlSeconds?: number | null) {
      const ttl = requireInt(ttlSeconds ?? DOWNLOAD_TTL_DEFAULT, 'ttlSeconds', 1, DOWNLOAD_TTL_MAX);
      const parts = await parse(uri);
      await requireAccess(parts, actor);
      if (!(await store.head({ bucket, objectName: parts.path }))) throw new NotFoundError(`no file at ${uri}`);
      const expiresAt = new Date(d.ledger.now() + ttl * 1000);
      const par = await store.createPar({
        bucket,
        objectName: parts.path,
        access: 'ObjectRead',
        expiresAt,
        name: `download-${userSegment(actor.userId)}-${Date.now()}`,
      });
      return { uri, url: par.url, method: 'GET' as const, expiresAt: par.expiresAt };
    },

    async files(actor: Actor, a: FilesRequest) {
      const kind = a.kind;
      const collectionId = a.collectionId == null ? undefined : requireId(a.collectionId, 'collectionId');
      const first = requireInt(a.first ?? 100, 'first', 1, 1000);
      if (kind === 'LOG') {
        if (!collectionId) throw badInput('collectionId', 'collectionId (the job id) is required for LOG files');
        await requireJobAccess(d.jobs, collectionId, actor);
      }
      const prefix = collectionPrefix(kind, userSegment(actor.userId), collectionId);
      // a cursor names the last object a page showed: list from it (inclusive) and drop it
      const afterName = a.after == null ? undefined : decodeFileCursor(a.after, prefix);
      const page = await store.list({
        bucket,
        prefix,
        limit: afterName === undefined ? first : first + 1,
        ...(afterName === undefined ? {} : { start: afterName }),
      });
      const skip = afterName !== undefined && page.objects[0]?.name === afterName ? 1 : 0;
      const objects = page.objects.slice(skip, skip + first);
      const ns = await store.namespace();
      const nodes = objects.map((o) => {
        const parts = o.name.slice(prefix.length).split('/');
        return {
          uri: formatUri(ns, bucket, o.name),
          name: o.name,
          kind,
          collectionId: collectionId ?? parts[0] ?? '',
          filename: parts[parts.length - 1] ?? '',
          sizeBytes: o.sizeBytes,
          timeCreated: o.timeCreated ?? null,
          etag: o.eTag ?? null,
        };
      });
      const hasNextPage = page.objects.length > skip + first || page.nextStart !== undefined;
      return connectionOf(nodes, (n) => n.name, { hasNextPage, hasPreviousPage: afterName !== undefined });
    },

    async deleteFile(actor: Actor, uri: string) {
      const parts = await parse(uri);
      await requireAccess(parts, actor);
      const head = await store.head({ bucket, objectName: parts.path });
      if (!head) throw new NotFoundError(`no file at ${uri}`);
      // reservations admitted up to now are for the object being deleted: give them back too
      const deletedAt = d.ledger.now();
      await store.delete({ bucket, objectName: parts.path });
      await d.settlement.reconcile(parts.path, { deletedAt });
      return { deletedCount: 1, deletedBytes: head.sizeBytes };
    },

    /** Deletes every object under the caller's dataset/model folder, all pages, settling each. */
    async deleteCollection(actor: Actor, kind: 'DATASET' | 'MODEL', collectionId: string) {
      const id = requireId(collectionId, kind === 'DATASET' ? 'datasetId' : 'modelId');
      const prefix = collectionPrefix(kind, userSegment(actor.userId), id);
      let deletedCount = 0;
      let deletedBytes = 0;
      for (let rounds = 0; rounds < 10_000; rounds++) {
        const page = await store.list({ bucket, prefix, limit: 1000 });
        if (page.objects.length === 0) break;
        for (let i = 0; i < page.objects.length; i += 8) {
          await Promise.all(
            page.objects.slice(i, i + 8).map(async (o) => {
              const deletedAt = d.ledger.now();
              if (await store.delete({ bucket, objectName: o.name })) {
                deletedCount++;
                deletedBytes += o.sizeBytes;
              }
              await d.settlement.reconcile(o.name, { deletedAt });
            }),
          );
        }
      }
      return { deletedCount, deletedBytes };
    },

    async storageUsage(actor: Actor) {
      const s = await d.ledger.snapshot(actor.userId);
      return {
        totalBytes: s.usedBytes,
        reservedBytes: s.reservedBytes,
        byKind: (['DATASET', 'MODEL', 'LOG'] as const).map((kind) => ({
          kind,
          bytes: s.usedByKind[kind],
          files: s.filesByKind[kind],
        })),
      };
    },
  };
}

export type PresignService = ReturnType<typeof createPresignService>;

/**
 * A cursor is the listing's `nextStartWith`: the first name of the next page of the same
 * prefix-filtered listing, so it always starts with the prefix (OCI ListObjects; the emulator's
 * ListObjects stops at the first name outside the prefix before choosing it). One that does not
 * was forged or comes from another listing.
 */
function decodeFileCursor(after: string, prefix: string): string {
  const name = decodeCursor(after);
  if (!name.startsWith(prefix)) throw badInput('after', 'after is not a cursor from this listing');
  return name;
}
