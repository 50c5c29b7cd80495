/** Resolvers of schema/exports.graphql: role checks and the API view; the rules live in service.ts. */
import { actorOf, connectionOf, requireRole, type SubschemaContext } from '#shared/graphql/index.ts';
import { objectUriOf, type ExportJob } from './model.ts';
import type { ExportJob as ExportJobView, Resolvers } from './resolver-types.generated.ts';
import type { ExportService } from './service.ts';

export interface ExportsContext extends SubschemaContext {
  exports: ExportService;
}

/** The GraphQL `ExportJob` of a stored job. */
export function jobView(j: ExportJob, now = Date.now()): ExportJobView {
  const end = j.finishedAt ?? now;
  return {
    id: j.id,
    state: j.state,
    percentComplete: j.percentComplete,
    instanceId: j.instanceId,
    instanceName: j.instanceName,
    imageId: j.imageId ?? null,
    imageName: j.imageName,
    format: j.format,
    bucket: j.bucket,
    objectName: j.objectName,
    objectUri: objectUriOf(j),
    sizeBytes: j.sizeBytes ?? null,
    deleteImageAfterExport: j.deleteImageAfterExport,
    imageDeleted: j.imageDeleted ?? false,
    startedAt: new Date(j.startedAt),
    updatedAt: new Date(j.updatedAt),
    finishedAt: j.finishedAt === undefined ? null : new Date(j.finishedAt),
    durationSeconds: Math.max(0, Math.round((end - j.startedAt) / 1000)),
    error: j.error ?? null,
  };
}

/** Time the `reconcileExports` mutation spends before answering (the scheduled task uses the whole call). */
const RECONCILE_MUTATION_BUDGET_MS = 40_000;

export const exportsResolvers: Resolvers = {
  Query: {
    async exportJob(_, a, ctx) {
      requireRole(ctx.caller, 'viewer');
      return jobView(await ctx.exports.get(a.id));
    },
    async exportJobs(_, a, ctx) {
      requireRole(ctx.caller, 'viewer');
      const page = await ctx.exports.list(a);
      // the cursor of a job is its id (the store lists the jobs after it): encodeCursor(id)
      return connectionOf(
        page.jobs.map((j) => jobView(j)),
        (j) => j.id,
        { hasNextPage: page.hasMore, hasPreviousPage: a.after != null },
      );
    },
  },
  Mutation: {
    async exportInstance(_, a, ctx) {
      requireRole(ctx.caller, 'operator');
      return jobView(await ctx.exports.start(a.input, ctx.caller.userId));
    },
    async cancelExport(_, a, ctx) {
      requireRole(ctx.caller, 'operator');
      return jobView(await ctx.exports.cancel(a.id, actorOf(ctx.caller)));
    },
    async reconcileExports(_, __, ctx) {
      requireRole(ctx.caller, 'operator');
      // the gateway function waits at most 60 s for a subschema: stop starting jobs well before that
      const until = Date.now() + RECONCILE_MUTATION_BUDGET_MS;
      return ctx.exports.reconcile({ remainingMs: () => Math.min(ctx.call.remainingMs(), until - Date.now()) });
    },
    async createExportDownloadUrl(_, a, ctx) {
      requireRole(ctx.caller, 'viewer');
      return ctx.exports.downloadUrl(a.jobId, a.ttlSeconds ?? 3600, actorOf(ctx.caller));
    },
  },
};
