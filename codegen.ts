/**
 * GraphQL Code Generator: typed documents for the web app (web/src/gql, committed; `npm run codegen`
 * after changing a schema file or a `graphql(...)` document; test/unit/web-codegen.test.ts fails when
 * they drift). The schema is schema/*.graphql merged (as the gateway stitches them). The custom
 * scalars map to what travels in JSON: SafeInt → number, DateTime → string (RFC 3339).
 * A resolver-types generator (@graphql-codegen/typescript-resolvers) can reuse `scalars` as it is.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

export const scalars = {
  SafeInt: { input: 'number', output: 'number' },
  DateTime: { input: 'string', output: 'string' },
} as const;

const config: CodegenConfig = {
  schema: 'schema/*.graphql',
  documents: ['web/src/**/*.ts', 'web/src/**/*.tsx', '!web/src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'web/src/gql/': {
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
  },
};

export default config;
