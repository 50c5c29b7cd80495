/**
 * The GraphiQL page's settings, one place for the two that render it: the gateway function (a browser
 * GET that carries a token) and the local API Gateway front (a browser GET without one, answered by the
 * front itself so no function runs for an unauthenticated request).
 */
export const GRAPHIQL = {
  title: 'OCI GraphQL API',
  defaultQuery: '{\n  me {\n    userId\n    roles\n  }\n}\n',
} as const;
