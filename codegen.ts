/**
 * GraphQL Code Generator (`npm run codegen` after changing a schema file or a `graphql(...)`
 * document; test/unit/web-documents.test.ts and resolver-types.test.ts fail when an output drifts).
 * Two kinds of output:
 *
 * - web/src/gql: typed documents for the web app. The schema is schema/*.graphql merged (as the
 *   gateway stitches them); the custom scalars map to what travels in JSON (`scalars`).
 * - functions/<fn>/resolver-types.generated.ts: the resolver types of each function's own subschema
 *   (schema/scalars.graphql + schema/<fn>.graphql, as schema/index.ts builds it), with the function's
 *   context type and `mappers` for the domain objects its resolvers return. Resolvers are typed
 *   `Resolvers`, so their `args` are what GraphQL already checked (enums, non-null, Int/Boolean).
 *   A defaulted nullable argument (`first: Int = 20`) is typed non-null, yet a client may send an
 *   explicit null: keep the `?? default` where such an argument is read.
 */
import { existsSync } from 'node:fs';
import type { CodegenConfig } from '@graphql-codegen/cli';

/** The custom scalars as they travel in JSON: SafeInt → number, DateTime → string (RFC 3339). */
export const scalars = {
  SafeInt: { input: 'number', output: 'number' },
  DateTime: { input: 'string', output: 'string' },
} as const;

/**
 * The same scalars as resolvers see them (shared/graphql/scalars.ts): a DateTime argument is parsed
 * into a Date; a resolver may return a Date or an RFC 3339 string.
 */
export const resolverScalars = {
  ...scalars,
  DateTime: { input: 'Date', output: 'Date | string' },
} as const;

/** The resolver types of one function's subschema. Paths in `contextType` and `mappers` are relative to its folder. */
function resolverTypes(fn: string, contextType: string, mappers: Record<string, string> = {}) {
  const output = {
    schema: ['schema/scalars.graphql', existsSync(`schema/${fn}`) ? `schema/${fn}/*.graphql` : `schema/${fn}.graphql`],
    plugins: ['typescript', 'typescript-resolvers'],
    config: {
      scalars: resolverScalars,
      strictScalars: true,
      enumsAsTypes: true,
      useTypeImports: true,
      contextType,
      mappers,
      mapperTypeSuffix: 'Model',
      makeResolverTypeCallable: true,
    },
  };
  return { [`functions/${fn}/resolver-types.generated.ts`]: output };
}

// each output names its own schema: a root `schema` would be merged into every output
const config: CodegenConfig = {
  ignoreNoDocuments: false,
  generates: {
    'web/src/gql/': {
      schema: 'schema/**/*.graphql',
      documents: ['web/src/**/*.ts', 'web/src/**/*.tsx', '!web/src/gql/**'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        scalars,
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
        avoidOptionals: false,
        skipTypename: true,
      },
    },
    ...resolverTypes('gateway', './context.ts#GatewayContext'),
    ...resolverTypes('quota', './resolvers.ts#QuotaContext'),
    ...resolverTypes('presign', './resolvers.ts#PresignContext'),
    ...resolverTypes('exports', './resolvers.ts#ExportsContext'),
    ...resolverTypes('resources', './resolvers.ts#ResourcesContext', {
      Compartment: './inventory.ts#CompartmentNode',
      Resource: './ports.ts#ResourceView',
      Instance: './ports.ts#InstanceView',
      Database: './ports.ts#DatabaseView',
      Cluster: './ports.ts#ClusterView',
      NodePool: './ports.ts#NodePoolView',
      ApiGateway: './ports.ts#ApiGatewayView',
      ApiDeployment: './ports.ts#DeploymentView',
      LoadBalancer: './ports.ts#LoadBalancerView',
      BackendSet: './ports.ts#BackendSetView',
      BackendSetHealth: './ports.ts#BackendSetHealthView',
      ResourceConnection: './resolvers.ts#ResourceConnectionSource',
      InstanceActionResult: './operations.ts#ActionResult',
      TerminateInstanceResult: './operations.ts#TerminateResult',
    }),
  },
};

export default config;
