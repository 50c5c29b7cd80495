/**
 * The local dev JWT issuer: an RSA key pair kept in `<stateDir>/apigw/issuer-key.json` (made on
 * first use; written atomically and created exclusively, so the stack and `npm run token` racing on
 * a fresh state dir agree on one key). Tokens are RS256 with a fixed issuer string, so a token
 * minted by the CLI is accepted by the running stack whatever port it listens on.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, calculateJwkThumbprint, exportJWK, importJWK, type JSONWebKeySet, type JWK } from 'jose';
import { ROLES, type Role } from '../product.ts';

/** The `iss` of every local dev token. */
export const DEV_ISSUER = 'local-dev-issuer';
/** The `aud` of every local dev token. */
export const DEV_AUDIENCE = 'oci-graphql-functions';
/** Longest token lifetime the issuer mints (7 days). */
export const MAX_TTL_SECONDS = 7 * 24 * 3600;

export interface MintOptions {
  /** the user id (`sub`) */
  sub: string;
  roles: Role[];
  /** @default 3600 */
  ttlSeconds?: number;
}

export interface DevIssuer {
  issuer: string;
  audience: string;
  /** the public keys, as served at `/.well-known/jwks.json` */
  jwks: JSONWebKeySet;
  mintToken(options: MintOptions): Promise<string>;
}

interface KeyFile {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
  createdAt: string;
}

export class MintError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MintError';
  }
}

function keyPath(stateDir: string): string {
  return join(stateDir, 'apigw', 'issuer-key.json');
}

async function makeKeyFile(): Promise<KeyFile> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return {
    kid,
    privateJwk: await exportJWK(privateKey),
    publicJwk: { ...publicJwk, kid, alg: 'RS256', use: 'sig' },
    createdAt: new Date().toISOString(),
  };
}

/**
 * Read the key file, or create it. Creation links a complete temp
 * file into place: the first writer wins, nobody sees a partial file.
 */
async function loadOrCreateKey(stateDir: string): Promise<KeyFile> {
  const path = keyPath(stateDir);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as KeyFile;
  } catch (e: unknown) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(join(stateDir, 'apigw'), { recursive: true });
  const tmp = `${path}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  writeFileSync(tmp, JSON.stringify(await makeKeyFile(), null, 2), { mode: 0o600 });
  try {
    linkSync(tmp, path);
  } catch (e: unknown) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    unlinkSync(tmp);
  }
  return JSON.parse(readFileSync(path, 'utf8')) as KeyFile;
}

export function validateMint(o: MintOptions): void {
  if (typeof o.sub !== 'string' || !o.sub.trim()) throw new MintError('sub (the user id) must be a non-empty string');
  if (!Array.isArray(o.roles) || o.roles.length === 0)
    throw new MintError(`roles must name at least one of: ${ROLES.join(', ')}`);
  for (const r of o.roles)
    if (!ROLES.includes(r)) throw new MintError(`unknown role "${String(r)}"; roles are: ${ROLES.join(', ')}`);
  const ttl = o.ttlSeconds ?? 3600;
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TTL_SECONDS)
    throw new MintError(`ttl must be a whole number of seconds in 1..${MAX_TTL_SECONDS}`);
}

/** The dev issuer whose key lives in `stateDir` (created on first use). */
export async function openDevIssuer(options: { stateDir: string }): Promise<DevIssuer> {
  const file = await loadOrCreateKey(options.stateDir);
  const privateKey = await importJWK(file.privateJwk, 'RS256');
  return {
    issuer: DEV_ISSUER,
    audience: DEV_AUDIENCE,
    jwks: { keys: [file.publicJwk] },
    async mintToken(o) {
      validateMint(o);
      return new SignJWT({ roles: [...new Set(o.roles)] })
        .setProtectedHeader({ alg: 'RS256', kid: file.kid, typ: 'JWT' })
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setSubject(o.sub.trim())
        .setIssuedAt()
        .setNotBefore('0s')
        .setJti(randomUUID())
        .setExpirationTime(`${o.ttlSeconds ?? 3600}s`)
        .sign(privateKey);
    },
  };
}
