/**
 * The local tenancy: its OCID, Object Storage namespace, the admin user with an API key, and the
 * key the emulator signs resource principal session tokens (RPSTs) with. Made on first start and
 * kept in the state directory; the admin's OCI config file (profile DEFAULT) is written to
 * `<stateDir>/oci/config` so oci-sdk clients, scripts and the OCI CLI can call the emulator.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, jwtVerify, errors as joseErrors, type JWK } from 'jose';
import { OciErrors } from './errors.ts';
import { LOCAL_REGION, base32, newOcid } from './ids.ts';
import { fingerprintOf, type KeyResolver, type Principal } from './signature.ts';
import { writeFileAtomic, type StateStore } from './store.ts';

interface TenancyRecord {
  tenancyId: string;
  tenancyName: string;
  namespace: string;
  adminUserId: string;
  tokenKeyPem: string;
  createdAt: string;
}
interface ApiKeyRecord {
  keyId: string;
  userId: string;
  tenancyId: string;
  publicKeyPem: string;
  fingerprint: string;
}

export interface AdminProfile {
  configFile: string;
  profile: 'DEFAULT';
  keyFile: string;
  tenancyId: string;
  userId: string;
  fingerprint: string;
  region: string;
}

export interface IssueTokenOptions {
  resourceId: string;
  resourceType: string;
  compartmentId: string;
  /** PEM (SPKI) of the session key the caller will sign with */
  sessionPublicKeyPem: string;
  /** @default 3600 */
  ttlSeconds?: number;
}

const TOKEN_ISSUER = 'authService.oracle.com';
export const RPST_TTL_SECONDS = 3600;

export class Tenancy implements KeyResolver {
  readonly record: TenancyRecord;
  readonly admin: AdminProfile;
  private readonly apiKeys;
  private readonly tokenKey: KeyObject;
  private readonly tokenPublicKey: KeyObject;
  private readonly keyCache = new Map<string, KeyObject>();

  constructor(private readonly store: StateStore) {
    this.apiKeys = store.collection<ApiKeyRecord>('identity', 'apiKeys');
    const meta = store.collection<TenancyRecord>('identity', 'tenancy');
    const created = !meta.get('tenancy');
    const record =
      meta.get('tenancy') ??
      meta.put('tenancy', {
        tenancyId: newOcid('tenancy', { regional: false }),
        tenancyName: 'local',
        namespace: `local${base32(8)}`,
        adminUserId: newOcid('user', { regional: false }),
        tokenKeyPem: generateKeyPairSync('rsa', { modulusLength: 2048 })
          .privateKey.export({ type: 'pkcs8', format: 'pem' })
          .toString(),
        createdAt: new Date().toISOString(),
      });
    this.record = record;
    this.tokenKey = createPrivateKey(record.tokenKeyPem);
    this.tokenPublicKey = createPublicKey(this.tokenKey);
    this.admin = this.ensureAdminProfile(created);
  }

  get tenancyId(): string {
    return this.record.tenancyId;
  }
  get namespace(): string {
    return this.record.namespace;
  }

  /** Register an API key for a user; returns the keyId (`tenancy/user/fingerprint`). */
  registerApiKey(userId: string, publicKeyPem: string): string {
    const fingerprint = fingerprintOf(publicKeyPem);
    const keyId = `${this.tenancyId}/${userId}/${fingerprint}`;
    this.apiKeys.put(keyId, { keyId, userId, tenancyId: this.tenancyId, publicKeyPem, fingerprint });
    return keyId;
  }

  private ensureAdminProfile(fresh: boolean): AdminProfile {
    const dir = join(this.store.dir, 'oci');
    const keyFile = join(dir, 'admin_api_key.pem');
    const configFile = join(dir, 'config');
    const existing = this.apiKeys.values().find((k) => k.userId === this.record.adminUserId);
    let fingerprint = existing?.fingerprint;
    // a start killed after registering the key but before writing the files must not leave a dead profile
    if (fresh || !existing || !existsSync(keyFile) || !existsSync(configFile)) {
      mkdirSync(dir, { recursive: true });
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      writeFileAtomic(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600 });
      const pub = publicKey.export({ type: 'spki', format: 'pem' }).toString();
      this.registerApiKey(this.record.adminUserId, pub);
      fingerprint = fingerprintOf(pub);
      const config = [
        '[DEFAULT]',
        `user=${this.record.adminUserId}`,
        `fingerprint=${fingerprint}`,
        `tenancy=${this.tenancyId}`,
        `region=${LOCAL_REGION.id}`,
        `key_file=${keyFile}`,
        '',
      ].join('\n');
      writeFileAtomic(configFile, config, { mode: 0o600 });
    }
    return {
      configFile,
      profile: 'DEFAULT',
      keyFile,
      tenancyId: this.tenancyId,
      userId: this.record.adminUserId,
      fingerprint: fingerprint!,
      region: LOCAL_REGION.id,
    };
  }

  /** Issue an RPST for a resource (e.g. a function) bound to the caller's session key. */
  async issueResourcePrincipalToken(o: IssueTokenOptions): Promise<string> {
    const jwk = createPublicKey(o.sessionPublicKeyPem).export({ format: 'jwk' }) as JWK;
    const ttl = o.ttlSeconds ?? RPST_TTL_SECONDS;
    return new SignJWT({
      ptype: 'resource',
      ttype: 'res',
      res_type: o.resourceType,
      res_id: o.resourceId,
      res_tenant: this.tenancyId,
      tenant: this.tenancyId,
      res_compartment: o.compartmentId,
      jwk: { ...jwk, kid: 'session', use: 'sig' },
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'emulator', typ: 'JWT' })
      .setIssuer(TOKEN_ISSUER)
      .setSubject(o.resourceId)
      .setAudience('oci')
      .setJti(randomUUID())
      .setIssuedAt()
      .setNotBefore('0s')
      .setExpirationTime(`${ttl}s`)
      .sign(this.tokenKey);
  }

  /**
   * Issue a session token for an OCI service's own principal (e.g. `cloudEvents`, which delivers
   * Events rule actions); policies name it as `service <name>`. Local flavour: on OCI services
   * sign with credentials of their own; here the stack's Events router holds such a token.
   */
  async issueServicePrincipalToken(o: {
    serviceName: string;
    sessionPublicKeyPem: string;
    ttlSeconds?: number;
  }): Promise<string> {
    if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(o.serviceName))
      throw OciErrors.invalidParameter('serviceName must be a service name such as cloudEvents');
    const jwk = createPublicKey(o.sessionPublicKeyPem).export({ format: 'jwk' }) as JWK;
    return new SignJWT({
      ptype: 'service',
      ttype: 'svc',
      svc_name: o.serviceName,
      tenant: this.tenancyId,
      res_tenant: this.tenancyId,
      jwk: { ...jwk, kid: 'session', use: 'sig' },
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'emulator', typ: 'JWT' })
      .setIssuer(TOKEN_ISSUER)
      .setSubject(o.serviceName)
      .setAudience('oci')
      .setJti(randomUUID())
      .setIssuedAt()
      .setNotBefore('0s')
      .setExpirationTime(`${o.ttlSeconds ?? RPST_TTL_SECONDS}s`)
      .sign(this.tokenKey);
  }

  async resolve(keyId: string): Promise<{ publicKey: KeyObject; principal: Principal }> {
    if (keyId.startsWith('ST$')) return this.resolveSessionToken(keyId.slice(3));
    const rec = this.apiKeys.get(keyId);
    if (!rec) throw OciErrors.notAuthenticated('The API key in the signature is not registered');
    let key = this.keyCache.get(keyId);
    if (!key) this.keyCache.set(keyId, (key = createPublicKey(rec.publicKeyPem)));
    return { publicKey: key, principal: { kind: 'user', id: rec.userId, tenancyId: rec.tenancyId } };
  }

  private async resolveSessionToken(token: string): Promise<{ publicKey: KeyObject; principal: Principal }> {
    try {
      const { payload } = await jwtVerify(token, this.tokenPublicKey, {
        algorithms: ['RS256'],
        issuer: TOKEN_ISSUER,
        audience: 'oci',
        clockTolerance: 0,
      });
      if (payload.res_tenant !== this.tenancyId)
        throw OciErrors.notAuthenticated('The session token belongs to another tenancy');
      const jwk = payload.jwk as JWK | undefined;
      if (!jwk) throw OciErrors.notAuthenticated('The session token carries no session key');
      return {
        publicKey: createPublicKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' }),
        principal:
          payload.ptype === 'service'
            ? { kind: 'service', id: String(payload.sub), tenancyId: this.tenancyId }
            : {
                kind: 'resource',
                id: String(payload.sub),
                tenancyId: this.tenancyId,
                compartmentId: String(payload.res_compartment),
                ...(typeof payload.res_type === 'string' ? { resourceType: payload.res_type } : {}),
              },
      };
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) throw OciErrors.notAuthenticated('The session token has expired');
      if (e instanceof joseErrors.JOSEError) throw OciErrors.notAuthenticated('The session token is not valid');
      throw e;
    }
  }
}
