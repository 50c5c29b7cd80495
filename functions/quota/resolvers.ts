/** Resolvers of schema/quota.graphql: role checks here, rules in shared/storage. */
import { ForbiddenError } from '#shared/errors.ts';
import { hasRole, requireRole, type SubschemaContext } from '#shared/graphql/index.ts';
import type { Ledger, QuotaSnapshot } from '#shared/storage/ledger.ts';
import { userSegment } from '#shared/storage/paths.ts';
import type { Quota, Resolvers } from './resolver-types.generated.ts';

export interface QuotaContext extends SubschemaContext {
  ledger: Ledger;
}

/** The GraphQL `Quota` of a snapshot. */
export function quotaView(s: QuotaSnapshot): Quota {
  const usedPct =
    s.limits.maxStorageBytes > 0 ? Math.round((s.usedBytes / s.limits.maxStorageBytes) * 10_000) / 100 : 0;
  return {
    userId: s.userId,
    tier: s.tier,
    storage: { usedBytes: s.usedBytes, reservedBytes: s.reservedBytes, limitBytes: s.limits.maxStorageBytes, usedPct },
    fileSize: { maxBytes: s.limits.maxFileSizeBytes },
    rateLimits: {
      uploadsLastHour: s.uploadsLastHour,
      hourlyLimit: s.limits.maxUploadsPerHour,
      uploadsLastDay: s.uploadsLastDay,
      dailyLimit: s.limits.maxUploadsPerDay,
    },
  };
}

export const quotaResolvers: Resolvers = {
  Query: {
    async quota(_, args, ctx) {
      requireRole(ctx.caller, 'viewer');
      const asked = args.userId ?? undefined;
      // any verified user id works (emails, auth0|…): the ledger keys by its segment and shows this id.
      // A bad argument is BAD_USER_INPUT for everyone, before the admin check: it names no real user,
      // so it leaks nothing.
      if (asked !== undefined) userSegment(asked, { field: 'userId' });
      const userId = asked ?? ctx.caller.userId;
      if (userId !== ctx.caller.userId && !hasRole(ctx.caller, 'admin'))
        throw new ForbiddenError("only admins may read another user's quota");
      return quotaView(await ctx.ledger.snapshot(userId));
    },
  },
  Mutation: {
    async setQuotaLimits(_, args, ctx) {
      requireRole(ctx.caller, 'admin');
      const userId = args.userId;
      userSegment(userId, { field: 'userId' });
      const snapshot = await ctx.ledger.setLimits({
        userId,
        ...(args.tier ? { tier: args.tier } : {}),
        ...(args.limits ? { limits: args.limits } : {}),
      });
      ctx.log.info('quota limits set', { userId, tier: snapshot.tier, by: ctx.caller.userId });
      return quotaView(snapshot);
    },
  },
};
