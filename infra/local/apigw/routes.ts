/**
 * The front's route table, as data (what an API Gateway deployment specification says).
 * `function` routes are invoked through the Functions invoke API; `builtin` routes are answered by
 * the front itself.
 */
export interface RouteSpec {
  /** exact request path, or a prefix when it ends with `/*` (as OCI's `/{path*}`: `/assets/*` matches `/assets/a.js`) */
  path: string;
  methods: ('GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE')[];
  /** the backend function's name (resolved to its OCID by the front's `functions` option) */
  function?: string;
  /**
   * answered by the front: `health` → `{"status":"ok"}`, `jwks` → the dev issuer's public keys,
   * `web` → the web app's built files (the front's `web.dir`; on OCI a bucket behind the gateway),
   * `web-config` → the app's sign-in settings (on OCI a `config.json` object Terraform writes),
   * `dev-token` → a token from the dev issuer for `{ sub, roles }` (local only: dev sign-in)
   */
  builtin?: 'health' | 'jwks' | 'web' | 'web-config' | 'dev-token';
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
  { path: '/', methods: ['GET', 'HEAD'], builtin: 'web', auth: 'none' },
  { path: '/assets/*', methods: ['GET', 'HEAD'], builtin: 'web', auth: 'none' },
  { path: '/config.json', methods: ['GET'], builtin: 'web-config', auth: 'none' },
  { path: '/dev/token', methods: ['POST'], builtin: 'dev-token', auth: 'none' },
];

/** The route a request path takes: an exact match first, else the longest `/*` prefix route. */
export function matchRoute(routes: readonly RouteSpec[], path: string): RouteSpec | undefined {
  const exact = routes.find((r) => r.path === path);
  if (exact) return exact;
  return routes
    .filter((r) => r.path.endsWith('/*') && path.startsWith(r.path.slice(0, -1)) && path.length > r.path.length - 1)
    .sort((a, b) => b.path.length - a.path.length)[0];
}
