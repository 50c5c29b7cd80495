/** The presign subschema: schema/presign.graphql + resolvers (built once per process). */
import { makeExecutableSchema } from '@graphql-tools/schema';
import { TRUSTED_SDL, scalarResolvers } from '#shared/graphql/index.ts';
import { domainSdl, subschemaTypeDefs } from '../../schema/index.ts';
import { presignResolvers } from './resolvers.ts';

export const presignSchema = makeExecutableSchema({
  typeDefs: subschemaTypeDefs(domainSdl.presign ?? ''),
  resolvers: [scalarResolvers, presignResolvers],
  ...TRUSTED_SDL,
});
