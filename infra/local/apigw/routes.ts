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
  /** `jwt`: a valid bearer token is required (see `htmlWithoutToken`) */
  auth: 'jwt' | 'none';
  /**
   * Let a browser page load (GET, `Accept: text/html`, no Authorization header at all) through to the
   * function without identity headers: the gateway renders GraphiQL, and answers any API call without
   * identity with 401 UNAUTHENTICATED. A request that carries a token is always verified.
   */
  htmlWithoutToken?: boolean;
}

export const ROUTES: RouteSpec[] = [
  { path: '/graphql', methods: ['GET', 'POST'], function: 'gateway', auth: 'jwt', htmlWithoutToken: true },
  { path: '/health', methods: ['GET'], builtin: 'health', auth: 'none' },
  { path: '/.well-known/jwks.json', methods: ['GET'], builtin: 'jwks', auth: 'none' },
];
