/** The quota subschema: schema/quota.graphql + resolvers (built once per process). */
import { makeExecutableSchema } from '@graphql-tools/schema';
import { TRUSTED_SDL, scalarResolvers } from '#shared/graphql/index.ts';
import { domainSdl, subschemaTypeDefs } from '../../schema/index.ts';
import { quotaResolvers } from './resolvers.ts';

export const quotaSchema = makeExecutableSchema({
  typeDefs: subschemaTypeDefs(domainSdl.quota ?? ''),
  resolvers: [scalarResolvers, quotaResolvers],
  ...TRUSTED_SDL,
});
