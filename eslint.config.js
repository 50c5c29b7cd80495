// The schema linter (`npm run lint:schema`, part of `npm test`): graphql-eslint's schema rules over
// schema/**/*.graphql, loaded as one schema (the files merge as the gateway stitches them).
import graphql from '@graphql-eslint/eslint-plugin';

export default [
  {
    files: ['schema/**/*.graphql'],
    languageOptions: { parser: graphql.parser, parserOptions: { graphQLConfig: { schema: 'schema/**/*.graphql' } } },
    plugins: { '@graphql-eslint': graphql },
    rules: {
      ...graphql.configs['flat/schema-recommended'].rules,
      ...graphql.configs['flat/schema-relay'].rules,
      // a description on every type, field, argument, input field and enum value
      '@graphql-eslint/require-description': [
        'error',
        {
          types: true,
          rootField: true,
          FieldDefinition: true,
          InputValueDefinition: true,
          EnumValueDefinition: true,
          DirectiveDefinition: true,
        },
      ],
      // forward pagination only (first/after): every list is read from its start
      '@graphql-eslint/relay-arguments': ['error', { includeBoth: false }],
      // no global Node interface: ids are OCIDs or job ids, fetched through their own lookups
      '@graphql-eslint/relay-edge-types': [
        'error',
        { withEdgeSuffix: true, shouldImplementNode: false, listTypeCanWrapOnlyEdgeType: false },
      ],
      // value types (Health, Tag, PageInfo, results) have no identity of their own
      '@graphql-eslint/strict-id-in-types': 'off',
      // both styles are used: inline for one line, block for paragraphs
      '@graphql-eslint/description-style': 'off',
    },
  },
];
