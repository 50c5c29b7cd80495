/** Resolvers of schema/presign.graphql: role checks here, ownership and rules in shared/storage/presign.ts. */
import { actorOf, requireRole, type SubschemaContext } from '#shared/graphql/index.ts';
import type { PresignService } from '#shared/storage/presign.ts';
import type { Resolvers } from './resolver-types.generated.ts';

export interface PresignContext extends SubschemaContext {
  presign: PresignService;
}

/** Viewers read their own files; uploading and deleting need operator. */
export const presignResolvers: Resolvers = {
  Query: {
    files(_, args, ctx) {
      requireRole(ctx.caller, 'viewer');
      return ctx.presign.files(actorOf(ctx.caller), args);
    },
    storageUsage(_, __, ctx) {
      requireRole(ctx.caller, 'viewer');
      return ctx.presign.storageUsage(actorOf(ctx.caller));
    },
  },
  Mutation: {
    createUploadUrl(_, args, ctx) {
      requireRole(ctx.caller, 'operator');
      return ctx.presign.createUploadUrl(actorOf(ctx.caller), args.input);
    },
    createDownloadUrl(_, args, ctx) {
      requireRole(ctx.caller, 'viewer');
      return ctx.presign.createDownloadUrl(actorOf(ctx.caller), args.uri, args.ttlSeconds);
    },
    deleteFile(_, args, ctx) {
      requireRole(ctx.caller, 'operator');
      return ctx.presign.deleteFile(actorOf(ctx.caller), args.uri);
    },
    deleteDataset(_, args, ctx) {
      requireRole(ctx.caller, 'operator');
      return ctx.presign.deleteCollection(actorOf(ctx.caller), 'DATASET', args.datasetId);
    },
    deleteModel(_, args, ctx) {
      requireRole(ctx.caller, 'operator');
      return ctx.presign.deleteCollection(actorOf(ctx.caller), 'MODEL', args.modelId);
    },
  },
};
