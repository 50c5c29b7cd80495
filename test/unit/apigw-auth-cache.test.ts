import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { AuthError, createAuthenticator } from '#local/apigw/auth.ts';

const ISS = 'https://issuer.test';
const AUD = 'api-test';

async function setup() {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' };
  const mint = (claims: Record<string, unknown>, expSeconds: number) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(ISS)
      .setAudience(AUD)
      .setSubject(String(claims.sub ?? 'u'))
      .setExpirationTime(expSeconds)
      .sign(privateKey);
  return { jwks: { keys: [jwk] }, mint };
}

describe('front authenticator: verified tokens are reused, never past their expiry', () => {
  it('answers a repeated token with the same identity, each caller getting its own copy', async () => {
    const { jwks, mint } = await setup();
    const auth = createAuthenticator({ issuer: ISS, audience: AUD, jwks });
    const token = await mint({ sub: 'dora', roles: ['viewer', 'operator'] }, Math.floor(Date.now() / 1000) + 600);
    const a = await auth(`Bearer ${token}`);
    a.roles.push('admin');
    expect(await auth(`Bearer ${token}`)).toEqual({ userId: 'dora', roles: ['viewer', 'operator'] });
  });

  it('refuses a token it accepted once after the token expires', async () => {
    const { jwks, mint } = await setup();
    const auth = createAuthenticator({ issuer: ISS, audience: AUD, jwks, clockSkewSeconds: 0 });
    const exp = Math.floor(Date.now() / 1000) + 2;
    const token = await mint({ sub: 'ed', roles: ['viewer'] }, exp);
    expect((await auth(`Bearer ${token}`)).userId).toBe('ed');
    while (Date.now() <= exp * 1000) await new Promise((r) => setTimeout(r, 100)); // poll past exp
    await expect(auth(`Bearer ${token}`)).rejects.toThrow(AuthError);
    await expect(auth(`Bearer ${token}`)).rejects.toThrow('the token has expired');
  });

  it('does not keep failures: a bad token keeps failing, a good one still passes', async () => {
    const { jwks, mint } = await setup();
    const other = await setup();
    const auth = createAuthenticator({ issuer: ISS, audience: AUD, jwks });
    const forged = await other.mint({ sub: 'mallory' }, Math.floor(Date.now() / 1000) + 600);
    await expect(auth(`Bearer ${forged}`)).rejects.toThrow('the token signature is not valid');
    await expect(auth(`Bearer ${forged}`)).rejects.toThrow('the token signature is not valid');
    const good = await mint({ sub: 'fay' }, Math.floor(Date.now() / 1000) + 600);
    expect(await auth(`Bearer ${good}`)).toEqual({ userId: 'fay', roles: [] });
  });
});
