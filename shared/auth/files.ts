/** File helpers for credentials: re-read on change, validate keys without echoing them. */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { AuthConfigError } from './errors.ts';

/** `~/x` → `<home>/x`. */
export function expandHome(p: string, home = homedir()): string {
  return p === '~' ? home : p.startsWith('~/') ? home + p.slice(1) : p;
}

/**
 * A credential file read lazily and re-read when its identity changes. The stat check (mtime,
 * ctime, size, inode) costs one `statSync` per use; an atomic rename or an in-place rewrite
 * both change it, so a renewed token or rotated key is picked up on the next signed request.
 */
export class WatchedFile {
  readonly #path: string;
  readonly #what: string;
  #stamp = '';
  #content = '';
  constructor(path: string, what: string) {
    this.#path = path;
    this.#what = what;
  }
  get path(): string {
    return this.#path;
  }
  /** Current content (trimmed); `changed` tells whether this call re-read the file. */
  read(): { content: string; changed: boolean } {
    let stamp: string;
    try {
      const s = statSync(this.#path);
      stamp = `${s.mtimeMs}:${s.ctimeMs}:${s.size}:${s.ino}`;
    } catch (e: unknown) {
      throw new AuthConfigError(
        `cannot read ${this.#what} file ${this.#path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`,
      );
    }
    if (stamp === this.#stamp) return { content: this.#content, changed: false };
    let text: string;
    try {
      text = readFileSync(this.#path, 'utf8').trim();
    } catch (e: unknown) {
      throw new AuthConfigError(
        `cannot read ${this.#what} file ${this.#path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`,
      );
    }
    if (!text) throw new AuthConfigError(`${this.#what} file ${this.#path} is empty`);
    this.#content = text;
    this.#stamp = stamp;
    return { content: text, changed: true };
  }
}

let lastKey: { pem: string; passphrase: string | null; key: KeyObject } | undefined;

/**
 * The KeyObject of a PEM private key, parsed once for the last key asked: the provider's check
 * below and the request signer (shared/oci/signer.ts) share it, so a cold start parses the RSA key
 * once, not twice. Throws node:crypto's error.
 */
export function privateKeyObject(pem: string, passphrase: string | null): KeyObject {
  if (lastKey?.pem === pem && lastKey.passphrase === passphrase) return lastKey.key;
  const key = createPrivateKey(passphrase ? { key: pem, format: 'pem', passphrase } : { key: pem, format: 'pem' });
  lastKey = { pem, passphrase, key };
  return key;
}

/** Check a PEM private key parses (with its pass phrase). The error never contains key material. */
export function assertPrivateKey(pem: string, passphrase: string | null, where: string): void {
  try {
    privateKeyObject(pem, passphrase);
  } catch {
    throw new AuthConfigError(
      `${where} is not a usable PEM private key${passphrase ? ' (or the pass phrase is wrong)' : ''}`,
    );
  }
}

/** Claims of a JWT, decoded without verification (as oci-common does). */
export function decodeJwtClaims(token: string, where: string): Record<string, unknown> {
  const part = token.split('.')[1];
  try {
    const claims: unknown = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
    if (typeof claims === 'object' && claims !== null) return claims as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new AuthConfigError(`${where} does not hold a JWT`);
}
