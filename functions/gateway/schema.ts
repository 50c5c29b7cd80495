/**
 * The gateway's stitched schema: its own `me` subschema plus one subschema per domain function,
 * built from that function's SDL (schema/index.ts) and executed by that function's executor.
 */
import { makeExecutableSchema } from '@graphql-tools/schema';
import { stitchSchemas } from '@graphql-tools/stitch';
import type { Executor } from '@graphql-tools/utils';
import { GraphQLSchema } from 'graphql';
import { UnauthenticatedError } from '#shared/errors.ts';
import { scalarResolvers, type Role } from '#shared/graphql/index.ts';
import { gatewaySdl, subschemaTypeDefs } from '../../schema/index.ts';
import type { Resolvers, Role as GraphQLRole } from './resolver-types.generated.ts';
import { unavailableExecutor } from './executor.ts';

/** Options of {@link buildGatewaySchema}. */
export interface GatewaySchemaOptions {
  /** SDL of each domain subschema by function name (without the shared declarations). */
  sdl: Readonly<Record<string, string | undefined>>;
  /** Executor per function name; a function without one fails with UPSTREAM_UNAVAILABLE. */
  executors: Readonly<Record<string, Executor | undefined>>;
  /**
   * Skip SDL and schema validation and AST locations (cold start: about a third of the schema build).
   * Only for SDL validated elsewhere: the deployed handler sets it, because `npm run build` refuses
   * invalid `schema/*.graphql` (scripts/build.ts `validateSchemas`). @default false
   */
  trustedSdl?: boolean;
}

/** The schema's own description (introspection `__schema { description }`). */
export const SCHEMA_DESCRIPTION =
  "The OCI GraphQL API: a tenancy's compartments and resources with health and metrics, instance operations, user " +
  'files with quotas, and instance exports. ' +
  'Conventions: every list that can grow is a Relay connection (edges, nodes, pageInfo: PageInfo); errors carry ' +
  'extensions.code; see docs/api.md.';

// the Role enum's values are upper case; the identity headers and token claims carry them lower case
const ROLE_ENUM: Readonly<Record<Role, GraphQLRole>> = { viewer: 'VIEWER', operator: 'OPERATOR', admin: 'ADMIN' };

const localResolvers: Resolvers = {
  Query: {
    me: (_, __, ctx) => {
      if (!ctx.caller) throw new UnauthenticatedError();
      return { userId: ctx.caller.userId, roles: ctx.caller.roles.map((r) => ROLE_ENUM[r]) };
    },
  },
};

const trustOptions = (trustedSdl: boolean) =>
  trustedSdl ? { assumeValidSDL: true, assumeValid: true, noLocation: true } : {};

/**
 * The gateway's own subschema alone (`me`): what an operation touching only `me`/`__typename` is
 * executed against, so such operations never wait for the stitched schema (see gateway.ts).
 */
export function buildLocalSchema({ trustedSdl = false }: { trustedSdl?: boolean } = {}): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: subschemaTypeDefs(gatewaySdl),
    resolvers: [scalarResolvers, localResolvers],
    ...trustOptions(trustedSdl),
  });
}

/** Builds the stitched schema (call once; it is the slow part of a cold start). */
export function buildGatewaySchema({ sdl, executors, trustedSdl = false }: GatewaySchemaOptions): GraphQLSchema {
  const trust = trustOptions(trustedSdl);
  const local = buildLocalSchema({ trustedSdl });
  const domains = Object.entries(sdl).flatMap(([fn, text]) =>
    text === undefined
      ? []
      : [
          {
            name: fn,
            schema: makeExecutableSchema({ typeDefs: subschemaTypeDefs(text), resolvers: [scalarResolvers], ...trust }),
            executor: executors[fn] ?? unavailableExecutor(fn, `the ${fn} function has no executor configured`),
            // the root fields of one operation that go to one function travel in one invoke, so identical
            // lookups (aliases of the same field and arguments) share that function's per-request memo
            batch: true,
          },
        ],
  );
  const stitched = stitchSchemas({
    subschemas: [{ schema: local }, ...domains],
    resolvers: scalarResolvers,
    ...(trustedSdl ? { assumeValid: true } : {}),
  });
  return new GraphQLSchema({
    ...stitched.toConfig(),
    description: SCHEMA_DESCRIPTION,
    ...(trustedSdl ? { assumeValid: true } : {}),
  });
}
