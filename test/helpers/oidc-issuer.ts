/**
 * A tiny OpenID Connect issuer for the browser test of the web app's sign-in: discovery, JWKS, an
 * authorization endpoint that signs in a fixed user at once (no login page) and a token endpoint
 * that checks the PKCE verifier (S256), the redirect URI and the client, then returns an RS256
 * id_token (with the nonce) and access_token (the API audience and the roles claim). CORS open, as a
 * public client's token endpoint must be. For tests only: one process, codes in memory, single use.
 */
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, type JSONWebKeySet } from 'jose';

export interface TestIssuer {
  issuer: string;
  jwks: JSONWebKeySet;
  /** every token request, with whether its PKCE verifier matched */
  tokenRequests: { pkceOk: boolean }[];
  close(): Promise<void>;
}

export async function startTestIssuer(o: {
  clientId: string;
  audience: string;
  user: { sub: string; roles: string[] };
}): Promise<TestIssuer> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { challenge: string; redirectUri: string; nonce: string | null }>();
  const tokenRequests: { pkceOk: boolean }[] = [];
  let issuer = '';
  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, {
      'content-type': 'application/json',
      'access-control-allow-origin': '*',
      'cache-control': 'no-store',
      ...headers,
    });
    res.end(JSON.stringify(body));
  };
  const body = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  };
  const sign = (claims: Record<string, unknown>, aud: string) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(aud)
      .setSubject(o.user.sub)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    (async () => {
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'access-control-allow-origin': '*',
          'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
          'access-control-allow-methods': 'GET, POST',
        });
        return res.end();
      }
      if (url.pathname === '/.well-known/openid-configuration') {
        return send(res, 200, {
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: ['none'],
        });
      }
      if (url.pathname === '/jwks') return send(res, 200, { keys: [jwk] });
      if (url.pathname === '/authorize') {
        const p = url.searchParams;
        if (
          p.get('client_id') !== o.clientId ||
          p.get('response_type') !== 'code' ||
          p.get('code_challenge_method') !== 'S256' ||
          !p.get('code_challenge')
        ) {
          return send(res, 400, { error: 'invalid_request' });
        }
        const code = randomBytes(16).toString('base64url');
        codes.set(code, {
          challenge: p.get('code_challenge')!,
          redirectUri: p.get('redirect_uri') ?? '',
          nonce: p.get('nonce'),
        });
        const back = new URL(p.get('redirect_uri') ?? '');
        back.searchParams.set('code', code);
        back.searchParams.set('state', p.get('state') ?? '');
        res.writeHead(302, { location: back.toString() });
        return res.end();
      }
      if (url.pathname === '/token' && req.method === 'POST') {
        const p = await body(req);
        const c = codes.get(p.get('code') ?? '');
        codes.delete(p.get('code') ?? '');
        const pkceOk =
          !!c &&
          createHash('sha256')
            .update(p.get('code_verifier') ?? '')
            .digest('base64url') === c.challenge;
        tokenRequests.push({ pkceOk });
        if (
          !c ||
          !pkceOk ||
          p.get('redirect_uri') !== c.redirectUri ||
          p.get('client_id') !== o.clientId ||
          p.get('grant_type') !== 'authorization_code'
        ) {
          return send(res, 400, { error: 'invalid_grant' });
        }
        return send(res, 200, {
          token_type: 'Bearer',
          expires_in: 600,
          access_token: await sign({ roles: o.user.roles }, o.audience),
          id_token: await sign({ ...(c.nonce ? { nonce: c.nonce } : {}) }, o.clientId),
        });
      }
      return send(res, 404, { error: 'not_found' });
    })().catch((e: unknown) => send(res, 500, { error: String(e) }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    jwks: { keys: [jwk] },
    tokenRequests,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
