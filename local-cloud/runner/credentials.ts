/**
 * A container's resource principal credentials, laid out as on OCI (reference §1.1): two files
 * whose absolute paths go into `OCI_RESOURCE_PRINCIPAL_RPST` and `OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM`.
 *
 * - A fresh RSA session key per container, written once (mode 0600). The key is kept for the
 *   container's life and only the token is renewed: the SDK re-reads token and key at different
 *   moments, so rotating the key could pair a new token with an old key.
 * - The RPST is renewed at `renewAt` (default 75 %) of its lifetime and replaced atomically
 *   (temp file + rename), so a reader never sees a half-written token. oci-common's file-based
 *   federation client re-reads the file once its cached token's `exp` has passed.
 */
import { generateKeyPair } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { decodeJwt } from 'jose';
import { TokenIssueError } from './errors.ts';
import type { TokenIssuer } from './rpst-oci.ts';

const generateKeyPairAsync = promisify(generateKeyPair);

export interface CredentialsOptions {
  dir: string;
  issuer: TokenIssuer;
  resourceId: string;
  compartmentId: string;
  /** asked of the emulator; undefined = the emulator's default (1 h) */
  ttlSeconds?: number;
  /** fraction of the token lifetime after which it is renewed @default 0.75 */
  renewAt?: number;
  /** renewal failures (retried) and successes */
  onEvent?(event: { kind: 'renewed' | 'renew-failed'; error?: unknown }): void;
}

function writeAtomic(path: string, data: string): void {
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`;
  writeFileSync(tmp, data, { mode: 0o600 });
  renameSync(tmp, path);
}

export class ContainerCredentials {
  readonly rpstPath: string;
  readonly keyPath: string;
  /** expiry (ms since epoch) of the token now in the file */
  expiresAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor(
    private readonly o: CredentialsOptions,
    private readonly publicKeyPem: string,
  ) {
    this.rpstPath = join(o.dir, 'rpst');
    this.keyPath = join(o.dir, 'private.pem');
  }

  static async create(o: CredentialsOptions): Promise<ContainerCredentials> {
    mkdirSync(o.dir, { recursive: true, mode: 0o700 });
    const { publicKey, privateKey } = await generateKeyPairAsync('rsa', { modulusLength: 2048 });
    const creds = new ContainerCredentials(o, publicKey.export({ type: 'spki', format: 'pem' }).toString());
    writeAtomic(creds.keyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    await creds.refresh();
    return creds;
  }

  /** Fetch a new token, replace the file, schedule the next renewal. */
  async refresh(): Promise<void> {
    const token = await this.o.issuer.issue({
      resourceId: this.o.resourceId,
      resourceType: 'fnfunc',
      compartmentId: this.o.compartmentId,
      sessionPublicKeyPem: this.publicKeyPem,
      ...(this.o.ttlSeconds !== undefined ? { ttlSeconds: this.o.ttlSeconds } : {}),
    });
    const claims = decodeJwt(token);
    if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number')
      throw new TokenIssueError('the issued token has no exp/iat claims');
    if (this.closed) return;
    writeAtomic(this.rpstPath, token);
    this.expiresAt = claims.exp * 1000;
    // renew when `1 - renewAt` of the lifetime is left, counted back from exp: iat is whole seconds,
    // so counting forward from our clock could land after exp
    const lifetimeMs = (claims.exp - claims.iat) * 1000;
    this.schedule(Math.max(50, this.expiresAt - lifetimeMs * (1 - (this.o.renewAt ?? 0.75)) - Date.now()));
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.refresh().then(
        () => this.o.onEvent?.({ kind: 'renewed' }),
        (error: unknown) => {
          this.o.onEvent?.({ kind: 'renew-failed', error });
          // retry well before the current token runs out
          if (!this.closed) this.schedule(Math.max(100, Math.min(5000, (this.expiresAt - Date.now()) / 4)));
        },
      );
    }, delayMs);
    this.timer.unref();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }
}
