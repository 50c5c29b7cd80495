/**
 * The front's route table, as data (what an API Gateway deployment specification says).
 * `function` routes are invoked through the Functions invoke API; `builtin` routes are answered by
 * the front itself.
 */
export interface RouteSpec {
  /** exact request path (no prefix matching) */
  path: string;
  methods: ('GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE')[];
  /** the backend function's name (resolved to its OCID by the front's `functions` option) */
  function?: string;
  /** answered by the front: `health` → `{"status":"ok"}`, `jwks` → the dev issuer's public keys */
  builtin?: 'health' | 'jwks';
  /** `jwt`: a valid bearer token is required (see `graphiqlWithoutToken`) */
  auth: 'jwt' | 'none';
  /**
   * A browser page load (GET, `Accept: text/html`, no Authorization header at all) is answered by the
   * front with the GraphiQL page (as an API Gateway stock response would be): no function runs without
   * a valid token. The page sends its queries with the token you paste into its headers pane.
   */
  graphiqlWithoutToken?: boolean;
}

export const ROUTES: RouteSpec[] = [
  { path: '/graphql', methods: ['GET', 'POST'], function: 'gateway', auth: 'jwt', graphiqlWithoutToken: true },
  { path: '/health', methods: ['GET'], builtin: 'health', auth: 'none' },
  { path: '/.well-known/jwks.json', methods: ['GET'], builtin: 'jwks', auth: 'none' },
];
