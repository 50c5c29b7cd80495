/** Resolvers of schema/presign.graphql: role checks here, ownership and rules in service.ts. */
import { actorOf, requireRole, type SubschemaContext } from '#shared/graphql/index.ts';
import type { PresignService } from '#shared/storage/presign.ts';

export interface PresignContext extends SubschemaContext {
  presign: PresignService;
}

/** Viewers read their own files; uploading and deleting need operator. */
export const presignResolvers = {
  Query: {
    files(
      _: unknown,
      args: { kind: unknown; collectionId?: unknown; first?: unknown; after?: unknown },
      ctx: PresignContext,
    ) {
      requireRole(ctx.caller, 'viewer');
      return ctx.presign.files(actorOf(ctx.caller), args);
    },
    storageUsage(_: unknown, __: unknown, ctx: PresignContext) {
      requireRole(ctx.caller, 'viewer');
      return ctx.presign.storageUsage(actorOf(ctx.caller));
    },
  },
  Mutation: {
    createUploadUrl(_: unknown, args: { input: Record<string, unknown> }, ctx: PresignContext) {
      requireRole(ctx.caller, 'operator');
      const i = args.input;
      return ctx.presign.createUploadUrl(actorOf(ctx.caller), {
        kind: i.kind,
        collectionId: i.collectionId,
        filename: i.filename,
        sizeBytes: i.sizeBytes,
        contentType: i.contentType,
      });
    },
    createDownloadUrl(_: unknown, args: { uri: unknown; ttlSeconds?: unknown }, ctx: PresignContext) {
      requireRole(ctx.caller, 'viewer');
      return ctx.presign.createDownloadUrl(actorOf(ctx.caller), args.uri, args.ttlSeconds);
    },
    deleteFile(_: unknown, args: { uri: unknown }, ctx: PresignContext) {
      requireRole(ctx.caller, 'operator');
      return ctx.presign.deleteFile(actorOf(ctx.caller), args.uri);
    },
    deleteDataset(_: unknown, args: { datasetId: unknown }, ctx: PresignContext) {
      requireRole(ctx.caller, 'operator');
      return ctx.presign.deleteCollection(actorOf(ctx.caller), 'DATASET', args.datasetId);
    },
    deleteModel(_: unknown, args: { modelId: unknown }, ctx: PresignContext) {
      requireRole(ctx.caller, 'operator');
      return ctx.presign.deleteCollection(actorOf(ctx.caller), 'MODEL', args.modelId);
    },
  },
};
