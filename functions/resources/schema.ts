/** The resources subschema: schema/resources/*.graphql + resolvers (built once per process). */
import { makeExecutableSchema } from '@graphql-tools/schema';
import { TRUSTED_SDL, scalarResolvers } from '#shared/graphql/index.ts';
import { domainSdl, subschemaTypeDefs } from '../../schema/index.ts';
import { resourcesResolvers } from './resolvers.ts';

export const resourcesSchema = makeExecutableSchema({
  typeDefs: subschemaTypeDefs(domainSdl.resources ?? ''),
  resolvers: [scalarResolvers, resourcesResolvers],
  ...TRUSTED_SDL,
});
