/**
 * SDL of every subschema, by function name. `.graphql` files are imported as text (esbuild text
 * loader in bundles, the vitest plugin in tests, `tsx --import ./schema/register.mjs` under tsx).
 *
 * Each domain engineer adds their function here: one import line and one entry in `domainSdl`.
 * The gateway stitches every entry of `domainSdl` (see functions/gateway).
 */
import scalars from './scalars.graphql';
import gateway from './gateway.graphql';
import resourcesApi from './resources/api.graphql';
import resourcesEnums from './resources/enums.graphql';
import resourcesTypes from './resources/types.graphql';
import exportsSdl from './exports.graphql';
import presignSdl from './presign.graphql';
import quotaSdl from './quota.graphql';

import { DOMAIN_FUNCTIONS, type DomainFunction } from '#deployment/manifest.ts';

/** The domain functions the gateway delegates to (all of them, configured or not), from the manifest. */
export { DOMAIN_FUNCTIONS, type DomainFunction };

/** Shared scalar and enum declarations (`SafeInt`, `DateTime`, `Role`). */
export const scalarsSdl: string = scalars;

/** The gateway's own SDL (without the shared declarations). */
export const gatewaySdl: string = gateway;

/**
 * SDL of each domain subschema (without the shared declarations): `schema/<fn>.graphql`, or the files of
 * `schema/<fn>/` joined when one file would be too long to read.
 */
export const domainSdl: Readonly<Partial<Record<DomainFunction, string>>> = {
  resources: [resourcesApi, resourcesEnums, resourcesTypes].join('\n'),
  exports: exportsSdl,
  presign: presignSdl,
  quota: quotaSdl,
};

/**
 * Full type definitions of a subschema: the shared declarations followed by its SDL. Pass to
 * `makeExecutableSchema({ typeDefs: subschemaTypeDefs(sdl), resolvers: [scalarResolvers, ...] })`.
 */
export function subschemaTypeDefs(sdl: string): string {
  return `${scalars}\n${sdl}`;
}
