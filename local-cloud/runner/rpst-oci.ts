/**
 * Adapter: asks the emulator for resource principal session tokens (RPSTs), signed as a tenancy
 * user (the emulator's admin) with oci-common's `DefaultRequestSigner`, the same signer every
 * oci-sdk client uses. See emulator services/identity/auth-provider.ts for the route.
 */
import * as common from 'oci-common';
import { TokenIssueError } from './errors.ts';

/** What the runner needs to mint a function's RPST. */
export interface TokenRequest {
  resourceId: string;
  resourceType: string;
  compartmentId: string;
  /** SPKI PEM of the container's session key */
  sessionPublicKeyPem: string;
  ttlSeconds?: number;
}

/** Port: issues RPSTs. The default implementation calls the emulator over HTTP. */
export interface TokenIssuer {
  issue(request: TokenRequest): Promise<string>;
}

/** How the runner reaches the emulator's token route. */
export interface EmulatorAuthOptions {
  /** the emulator's base URL, e.g. http://127.0.0.1:8081 */
  url: string;
  /** the admin's OCI config file (emulator `adminProfile.configFile`); ignored when `auth` is given */
  configFile?: string;
  /** @default 'DEFAULT' */
  profile?: string;
  /** a ready provider for a tenancy user */
  auth?: common.AuthenticationDetailsProvider;
}

export function emulatorTokenIssuer(options: EmulatorAuthOptions): TokenIssuer {
  let auth = options.auth;
  if (!auth) {
    if (!options.configFile)
      throw new TokenIssueError(
        'emulator.configFile or emulator.auth is required to request resource principal tokens',
      );
    auth = new common.ConfigFileAuthenticationDetailsProvider(options.configFile, options.profile ?? 'DEFAULT');
  }
  const signer = new common.DefaultRequestSigner(auth);
  const uri = `${options.url.replace(/\/+$/, '')}/v1/resourcePrincipalSessionToken`;
  return {
    async issue(r) {
      const body = JSON.stringify({
        resourceId: r.resourceId,
        resourceType: r.resourceType,
        compartmentId: r.compartmentId,
        sessionPublicKey: r.sessionPublicKeyPem,
        ...(r.ttlSeconds !== undefined ? { ttlSeconds: r.ttlSeconds } : {}),
      });
      const request: common.HttpRequest = {
        method: 'POST',
        uri,
        headers: new Headers({ 'content-type': 'application/json' }),
        body,
      };
      await signer.signHttpRequest(request);
      let res: Response;
      try {
        res = await fetch(uri, { method: 'POST', headers: request.headers, body });
      } catch (e: unknown) {
        throw new TokenIssueError(`cannot reach the emulator at ${options.url} for a resource principal token`, {
          cause: e,
        });
      }
      const text = await res.text();
      let parsed: { token?: unknown; code?: unknown; message?: unknown } = {};
      try {
        parsed = JSON.parse(text) as typeof parsed;
      } catch {
        // reported below with the status
      }
      if (!res.ok || typeof parsed.token !== 'string') {
        throw new TokenIssueError(
          `the emulator refused a resource principal token: ${res.status} ${String(parsed.code ?? '')} ` +
            `${String(parsed.message ?? text.slice(0, 200))}`,
          { status: res.status },
        );
      }
      return parsed.token;
    },
  };
}
