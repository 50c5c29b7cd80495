/**
 * `opc-retry-token` idempotency for create calls: the same token with the same body answers the
 * resource the first call made; the same token with a different body is 409
 * InvalidatedRetryToken. Tokens expire after 24 hours, as on OCI.
 */
import { createHash } from 'node:crypto';
import { OciErrors } from '../../core/errors.ts';
import type { StateStore } from '../../core/store.ts';
import type { EmulatorRequest } from '../../core/types.ts';

const TTL_MS = 24 * 3600 * 1000;

interface TokenRecord {
  hash: string;
  resourceId: string;
  expiresAt: number;
}

export class RetryTokens {
  constructor(
    private readonly store: StateStore,
    private readonly service: string,
    private readonly now: () => number,
  ) {}
  private get col() {
    return this.store.collection<TokenRecord>(this.service, 'retryTokens');
  }

  private key(req: EmulatorRequest): string | undefined {
    const token = req.header('opc-retry-token');
    if (token === undefined || token === '') return undefined;
    if (token.length > 64) throw OciErrors.invalidParameter('opc-retry-token must be at most 64 characters');
    return `${req.operation}:${token}`;
  }

  private static hash(req: EmulatorRequest): string {
    return createHash('sha256').update(req.rawUrl).update('\n').update(req.body).digest('hex');
  }

  /** The resource id an earlier call with this token made, or undefined to go ahead. */
  replayed(req: EmulatorRequest): string | undefined {
    const key = this.key(req);
    if (!key) return undefined;
    const rec = this.col.get(key);
    if (!rec || rec.expiresAt <= this.now()) return undefined;
    if (rec.hash !== RetryTokens.hash(req)) {
      throw OciErrors.invalidatedRetryToken('The opc-retry-token was already used with a different request');
    }
    return rec.resourceId;
  }

  remember(req: EmulatorRequest, resourceId: string): void {
    const key = this.key(req);
    if (key) this.col.put(key, { hash: RetryTokens.hash(req), resourceId, expiresAt: this.now() + TTL_MS });
  }
}
