/**
 * Sign-in. The deployment says how in /config.json (served by the local front; on OCI an object
 * Terraform writes next to the app):
 * - `dev` (local): choose a user and a role, the front's dev issuer mints the token (POST /dev/token);
 * - `oidc` (OCI): the authorization code flow with PKCE against the configured issuer
 *   (oauth4webapi); the API Gateway validates the token and maps the roles claim to X-User-Roles.
 * Either way `/#token=<jwt>` signs in with that token. The token lives in sessionStorage (this tab).
 */
import * as oauth from 'oauth4webapi';

export interface DevConfig {
  auth: 'dev';
  graphqlUrl: string;
}
export interface OidcConfig {
  auth: 'oidc';
  graphqlUrl: string;
  /** the issuer URL (discovery at <issuer>/.well-known/openid-configuration) */
  issuer: string;
  clientId: string;
  /** @default 'openid profile' */
  scope?: string;
  /** which token the API Gateway validates @default 'access_token' */
  sendToken?: 'access_token' | 'id_token';
  /** the claim the API Gateway maps to roles (shown on the sign-in page) */
  rolesClaim?: string;
}
export type WebConfig = DevConfig | OidcConfig;

const TOKEN_KEY = 'oci-dash.token';
const PKCE_KEY = 'oci-dash.pkce';

export async function loadConfig(): Promise<WebConfig> {
  const res = await fetch('config.json', { cache: 'no-cache' });
  if (!res.ok)
    throw new Error(`config.json answered ${res.status}: the deployment must serve the app's sign-in settings`);
  const c = (await res.json()) as Omit<Partial<OidcConfig>, 'auth'> & { auth?: string };
  if (c.auth === 'dev' && typeof c.graphqlUrl === 'string') return { auth: 'dev', graphqlUrl: c.graphqlUrl };
  if (
    c.auth === 'oidc' &&
    typeof c.graphqlUrl === 'string' &&
    typeof c.issuer === 'string' &&
    typeof c.clientId === 'string'
  )
    return c as OidcConfig;
  throw new Error(
    'config.json must say {"auth": "dev", "graphqlUrl"} or {"auth": "oidc", "graphqlUrl", "issuer", "clientId"}',
  );
}

export const getToken = (): string | null => sessionStorage.getItem(TOKEN_KEY);
export const setToken = (token: string): void => sessionStorage.setItem(TOKEN_KEY, token);
export const signOut = (): void => sessionStorage.removeItem(TOKEN_KEY);

/** `/#token=<jwt>`: take it and clear it from the address bar. */
export function takeTokenFromHash(): boolean {
  const m = /^#token=([A-Za-z0-9_.-]+)$/.exec(location.hash);
  if (!m) return false;
  setToken(m[1]!);
  history.replaceState(null, '', location.pathname + location.search);
  return true;
}

/** The token's claims (not verified here: the API Gateway verifies it). */
export function claimsOf(token: string): Record<string, unknown> {
  try {
    const part = token.split('.')[1] ?? '';
    return JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Local dev sign-in through the front's dev issuer. */
export async function devSignIn(sub: string, role: string): Promise<void> {
  const res = await fetch('dev/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub, roles: [role] }),
  });
  const body = (await res.json()) as { token?: string; message?: string };
  if (!res.ok || !body.token) throw new Error(body.message ?? `dev sign-in failed (${res.status})`);
  setToken(body.token);
}

// ---- OIDC: authorization code + PKCE ----

const redirectUri = (): string => location.origin + location.pathname;
/** oauth4webapi refuses http:// unless told; allowed for a local issuer only (tests, a dev IdP). */
const insecureOk = (issuer: URL) =>
  issuer.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);

async function discover(c: OidcConfig): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(c.issuer);
  const res = await oauth.discoveryRequest(issuer, {
    algorithm: 'oidc',
    [oauth.allowInsecureRequests]: insecureOk(issuer),
  });
  return oauth.processDiscoveryResponse(issuer, res);
}

/** Sends the browser to the issuer's sign-in page. */
export async function oidcSignIn(c: OidcConfig): Promise<void> {
  const as = await discover(c);
  if (!as.authorization_endpoint) throw new Error(`the issuer ${c.issuer} has no authorization_endpoint`);
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state, nonce }));
  const url = new URL(as.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: c.clientId,
    redirect_uri: redirectUri(),
    response_type: 'code',
    scope: c.scope ?? 'openid profile',
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  }).toString();
  location.assign(url.toString());
}

/** On return from the issuer (`?code=&state=`): exchanges the code; false when this is no callback. */
export async function completeOidcSignIn(c: OidcConfig): Promise<boolean> {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return false;
  const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) ?? 'null') as {
    verifier: string;
    state: string;
    nonce: string;
  } | null;
  sessionStorage.removeItem(PKCE_KEY);
  history.replaceState(null, '', location.pathname);
  if (!saved) throw new Error('sign-in answer without a sign-in started in this tab; sign in again');
  const as = await discover(c);
  const client: oauth.Client = { client_id: c.clientId };
  const issuer = new URL(c.issuer);
  const callback = oauth.validateAuthResponse(as, client, params, saved.state);
  const res = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    oauth.None(),
    callback,
    redirectUri(),
    saved.verifier,
    { [oauth.allowInsecureRequests]: insecureOk(issuer) },
  );
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, res, {
    expectedNonce: saved.nonce,
    requireIdToken: true,
  });
  const token = (c.sendToken ?? 'access_token') === 'id_token' ? tokens.id_token : tokens.access_token;
  if (!token) throw new Error(`the issuer returned no ${c.sendToken ?? 'access_token'}`);
  setToken(token);
  return true;
}
