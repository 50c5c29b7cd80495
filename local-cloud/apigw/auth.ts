/**
 * JWT authentication for a route, as an API Gateway JWT/TOKEN authentication policy does: bearer
 * token in `Authorization`, RS256 signature against the issuer's JWKS, `iss`, `aud`, `exp`/`nbf`
 * with a small clock skew. Claims become the caller identity: `sub` → user id, `roles` → roles.
 */
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  jwtVerify,
  errors as joseErrors,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';
import { ROLES, type Role } from '../product.ts';

export interface JwtPolicy {
  issuer: string;
  audience: string;
  /** the issuer's public keys, or the URL serving them */
  jwks: JSONWebKeySet | URL;
  /** @default 60 (OCI's `maxClockSkewInSeconds`) */
  clockSkewSeconds?: number;
}

export interface Identity {
  userId: string;
  roles: Role[];
}

/** The token is missing or not acceptable; `message` is safe to show the client. */
export class AuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthError';
  }
}

export type Authenticator = (authorization: string | undefined) => Promise<Identity>;

/** Verified tokens kept (a client sends the same token on every request until it expires). */
const VERIFIED_CACHE_SIZE = 1000;
/** Longest a verified token is trusted without checking it again (JWKS rotation reaches it by then). */
const VERIFIED_TTL_MS = 60_000;

export function createAuthenticator(policy: JwtPolicy): Authenticator {
  const keys: JWTVerifyGetKey =
    policy.jwks instanceof URL ? createRemoteJWKSet(policy.jwks) : createLocalJWKSet(policy.jwks);
  // token → identity, until min(exp, VERIFIED_TTL_MS from the check): the RS256 check is the front's
  // largest CPU cost per request after signing. Only successes are kept; the oldest entry goes first.
  const verified = new Map<string, { identity: Identity; until: number }>();
  return async (authorization) => {
    if (!authorization) throw new AuthError('missing bearer token: send Authorization: Bearer <token>');
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!m) throw new AuthError('the Authorization header is not a bearer token');
    const hit = verified.get(m[1]!);
    if (hit && Date.now() < hit.until) return { userId: hit.identity.userId, roles: [...hit.identity.roles] };
    if (hit) verified.delete(m[1]!);
    const identity = await verify(m[1]!);
    if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value!);
    verified.set(m[1]!, { identity, until: Math.min(identity.exp * 1000, Date.now() + VERIFIED_TTL_MS) });
    return { userId: identity.userId, roles: [...identity.roles] };
  };

  async function verify(token: string): Promise<Identity & { exp: number }> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        algorithms: ['RS256'],
        issuer: policy.issuer,
        audience: policy.audience,
        clockTolerance: policy.clockSkewSeconds ?? 60,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (e: unknown) {
      throw new AuthError(describe(e));
    }
    const userId = typeof payload.sub === 'string' ? payload.sub.trim() : '';
    if (!userId) throw new AuthError('the token has no subject');
    const unusable = unusableSubject(userId);
    if (unusable) throw new AuthError(`the token's subject ${unusable}`);
    const raw = payload.roles ?? [];
    if (!Array.isArray(raw) || raw.some((r) => typeof r !== 'string'))
      throw new AuthError('the roles claim must be an array of strings');
    const roles = [...new Set(raw as string[])].filter((r): r is Role => (ROLES as readonly string[]).includes(r));
    return { userId, roles, exp: payload.exp! };
  }
}

/** The storage layer's bound on a user id (shared/quota/paths.ts `userSegment`). */
export const MAX_SUBJECT_BYTES = 256;
// C0, DEL, C1 controls and the Unicode line/paragraph separators (as shared/quota/paths.ts refuses)
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const SUBJECT_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;

/**
 * Why a subject cannot be a user id, or undefined when it can. Any other string (any script,
 * `alıce`, `auth0|123`) is accepted and reaches the functions intact (`mapping.ts` encodes it).
 */
export function unusableSubject(sub: string): string | undefined {
  if (LONE_SURROGATE.test(sub)) return 'is not well-formed Unicode (lone surrogate)';
  if (SUBJECT_CONTROL.test(sub)) return 'contains control characters (such as CR or LF)';
  const bytes = Buffer.byteLength(sub, 'utf8');
  if (bytes > MAX_SUBJECT_BYTES) return `is longer than ${MAX_SUBJECT_BYTES} bytes of UTF-8 (${bytes})`;
  return undefined;
}

function describe(e: unknown): string {
  if (e instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (e instanceof joseErrors.JWTClaimValidationFailed) {
    if (e.claim === 'aud') return 'the token is not meant for this API (audience)';
    if (e.claim === 'iss') return 'the token comes from an unknown issuer';
    if (e.claim === 'nbf') return 'the token is not valid yet';
    return `the token's ${e.claim} claim is not valid`;
  }
  if (e instanceof joseErrors.JWSSignatureVerificationFailed || e instanceof joseErrors.JWKSNoMatchingKey)
    return 'the token signature is not valid';
  if (e instanceof joseErrors.JOSEAlgNotAllowed) return 'the token is not signed with RS256';
  return 'the token is not a valid JWT';
}
