/** The exports subschema: schema/exports.graphql + resolvers (built once per process). */
import { makeExecutableSchema } from '@graphql-tools/schema';
import { TRUSTED_SDL, scalarResolvers } from '#shared/graphql/index.ts';
import { domainSdl, subschemaTypeDefs } from '../../schema/index.ts';
import { exportsResolvers } from './resolvers.ts';

export const exportsSchema = makeExecutableSchema({
  typeDefs: subschemaTypeDefs(domainSdl.exports ?? ''),
  resolvers: [scalarResolvers, exportsResolvers],
  ...TRUSTED_SDL,
});
