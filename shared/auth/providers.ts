/**
 * Our AuthenticationDetailsProviders. All keep secrets (keys, pass phrases, tokens, fingerprints)
 * in ES private fields, so JSON.stringify, util.inspect and toString show only a safe summary.
 * oci-common's signer calls getKeyId() then getPrivateKey() per request and re-parses the key when
 * it changes, so providers that re-read files on change stay consistent.
 */
import { inspect } from 'node:util';
import type { AuthenticationDetailsProvider, Region, RegionProvider } from 'oci-common';
import { AuthConfigError } from './errors.ts';
import { WatchedFile, assertPrivateKey, decodeJwtClaims } from './files.ts';

/** The kinds of credentials {@link createAuthProvider} produces. */
export type AuthKind = 'resource_principal' | 'api_key' | 'security_token' | 'instance_principal';

/** Safe, secret-free description of a provider. */
export interface AuthSummary {
  kind: AuthKind;
  region?: string;
  profile?: string;
  tenancy?: string;
}

/** Common base: safe summary for JSON/inspect/toString. */
export abstract class SafeProvider implements AuthenticationDetailsProvider, RegionProvider {
  abstract readonly kind: AuthKind;
  protected readonly meta: { region?: Region | undefined; profile?: string | undefined; tenancy?: string | undefined };
  constructor(meta: { region?: Region | undefined; profile?: string | undefined; tenancy?: string | undefined }) {
    this.meta = meta;
  }
  abstract getKeyId(): Promise<string>;
  abstract getPrivateKey(): string;
  abstract getPassphrase(): string | null;
  getRegion(): Region {
    return this.meta.region as Region; // may be undefined at runtime: clients then need OCI_ENDPOINT
  }
  /** Tenancy OCID when known (config profile `tenancy`, or the RPST's `res_tenant`). */
  getTenantId(): string | undefined {
    return this.meta.tenancy;
  }
  summary(): AuthSummary {
    const s: AuthSummary = { kind: this.kind };
    if (this.meta.region) s.region = this.meta.region.regionId;
    if (this.meta.profile) s.profile = this.meta.profile;
    if (this.meta.tenancy) s.tenancy = this.meta.tenancy;
    return s;
  }
  toJSON(): AuthSummary {
    return this.summary();
  }
  toString(): string {
    return `AuthProvider(${JSON.stringify(this.summary())})`;
  }
  [inspect.custom](): string {
    return this.toString();
  }
}

/** API signing key (`tenancy/user/fingerprint` key id). */
export class ApiKeyProvider extends SafeProvider {
  readonly kind = 'api_key' as const;
  readonly #keyId: string;
  readonly #key: string;
  readonly #passphrase: string | null;
  constructor(o: {
    tenancy: string;
    user: string;
    fingerprint: string;
    privateKey: string;
    passphrase: string | null;
    region?: Region;
    profile?: string;
  }) {
    super({ region: o.region, profile: o.profile, tenancy: o.tenancy });
    this.#keyId = `${o.tenancy}/${o.user}/${o.fingerprint}`;
    this.#key = o.privateKey;
    this.#passphrase = o.passphrase;
  }
  async getKeyId(): Promise<string> {
    return this.#keyId;
  }
  getPrivateKey(): string {
    return this.#key;
  }
  getPassphrase(): string | null {
    return this.#passphrase;
  }
}

/**
 * Session token (`oci session authenticate`): key id `ST$<token>`. The token and key files are
 * re-read when they change, so `oci session refresh` is picked up without a restart. (oci-common's
 * SessionAuthDetailProvider reads the token once and refreshes it by calling the auth service.)
 */
export class SessionTokenProvider extends SafeProvider {
  readonly kind = 'security_token' as const;
  readonly #token: WatchedFile;
  readonly #key: WatchedFile;
  readonly #passphrase: string | null;
  constructor(o: {
    tokenFile: string;
    keyFile: string;
    passphrase: string | null;
    region?: Region;
    profile?: string;
    tenancy?: string;
  }) {
    super({ region: o.region, profile: o.profile, tenancy: o.tenancy });
    this.#token = new WatchedFile(o.tokenFile, 'security token');
    this.#key = new WatchedFile(o.keyFile, 'private key');
    this.#passphrase = o.passphrase;
    this.#token.read();
    this.getPrivateKey();
  }
  async getKeyId(): Promise<string> {
    return `ST$${this.#token.read().content}`;
  }
  getPrivateKey(): string {
    const { content, changed } = this.#key.read();
    if (changed) assertPrivateKey(content, this.#passphrase, `key file ${this.#key.path}`);
    return content;
  }
  getPassphrase(): string | null {
    return this.#passphrase;
  }
}

/** A credential given either as an absolute file path (watched) or as literal content. */
export type Credential = { file: WatchedFile } | { literal: string };

/**
 * Resource principal v2.2 (OCI Functions). On OCI, `OCI_RESOURCE_PRINCIPAL_RPST` and `_PRIVATE_PEM`
 * are absolute file paths that the platform rewrites when it renews the session.
 *
 * Why not oci-common's ResourcePrincipalAuthenticationDetailsProvider as is: its file-based
 * federation client caches the RPST and re-reads token and key only once the cached token's `exp`
 * has passed (its `isValid()` check), so a token or key renewed earlier (platform renewal, key
 * rotation, the local stack re-issuing a token) is ignored until then; the literal-content variant
 * never refreshes; and it reads `process.env` only. Here both files are stat-ed on every signed
 * request (one statSync each) and re-read when they change.
 */
export class ResourcePrincipalProvider extends SafeProvider {
  readonly kind = 'resource_principal' as const;
  readonly #rpst: Credential;
  readonly #pem: Credential;
  readonly #passphrase: string | null;
  #claims: Record<string, unknown> | undefined;
  constructor(o: { rpst: Credential; pem: Credential; passphrase: string | null; region?: Region }) {
    super({ region: o.region });
    this.#rpst = o.rpst;
    this.#pem = o.pem;
    this.#passphrase = o.passphrase;
    this.#token();
    this.getPrivateKey();
  }
  #token(): string {
    if ('literal' in this.#rpst) {
      if (!this.#claims) this.#absorb(this.#rpst.literal, 'OCI_RESOURCE_PRINCIPAL_RPST');
      return this.#rpst.literal;
    }
    const { content, changed } = this.#rpst.file.read();
    if (changed) this.#absorb(content, `RPST file ${this.#rpst.file.path}`);
    return content;
  }
  #absorb(token: string, where: string): void {
    this.#claims = decodeJwtClaims(token, where);
    const tenant = this.#claims.res_tenant;
    if (typeof tenant === 'string') this.meta.tenancy = tenant;
  }
  async getKeyId(): Promise<string> {
    return `ST$${this.#token()}`;
  }
  getPrivateKey(): string {
    if ('literal' in this.#pem) return this.#pem.literal;
    const { content, changed } = this.#pem.file.read();
    if (changed) assertPrivateKey(content, this.#passphrase, `RP private key file ${this.#pem.file.path}`);
    return content;
  }
  getPassphrase(): string | null {
    return this.#passphrase;
  }
  /** A string claim of the current RPST (`res_compartment`, `res_tenant`, `sub`, ...), or null. */
  async getStringClaim(key: string): Promise<string | null> {
    this.#token();
    const v = this.#claims?.[key];
    return typeof v === 'string' && v ? v : null;
  }
}

/**
 * Instance principal: built lazily by oci-common itself. Its signer sees `getAuthType() ===
 * 'instance_principal'`, builds `InstancePrincipalsAuthenticationDetailsProviderBuilder` on the
 * first request (metadata service at 169.254.169.254) and hands it back through setProvider().
 * That keeps createAuthProvider synchronous. It only works on an OCI compute instance.
 */
export class InstancePrincipalProvider extends SafeProvider {
  readonly kind = 'instance_principal' as const;
  #delegate: AuthenticationDetailsProvider | undefined;
  constructor(o: { region?: Region; profile?: string; tenancy?: string }) {
    super(o);
  }
  getAuthType(): string {
    return 'instance_principal';
  }
  getDelegationToken(): string | undefined {
    return undefined;
  }
  getProvider(): AuthenticationDetailsProvider {
    return this.#delegate as AuthenticationDetailsProvider;
  }
  setProvider(provider: AuthenticationDetailsProvider): void {
    this.#delegate = provider;
  }
  #require(): AuthenticationDetailsProvider {
    if (!this.#delegate)
      throw new AuthConfigError(
        'instance principal credentials are obtained on the first signed request (OCI compute only)',
      );
    return this.#delegate;
  }
  async getKeyId(): Promise<string> {
    return this.#require().getKeyId();
  }
  getPrivateKey(): string {
    return this.#require().getPrivateKey();
  }
  getPassphrase(): string | null {
    return null;
  }
}
