/**
 * How the adapters call OCI: every call takes a slot of its service's {@link Limiter}, goes
 * through the shared retry policy bounded by the Fn call's remaining time, and leaves as an
 * AppError. `allPages` follows `opc-next-page` to the end.
 */
import { toAppError, withRetry } from '#shared/oci/index.ts';
import type { ServiceLimiters } from '#shared/limit.ts';

export interface CallSettings {
  limiters: ServiceLimiters;
  /** ms left in the Fn call (retry sleeps never pass it) */
  remainingMs: () => number;
  /** page size of list calls @default 100 */
  pageLimit?: number;
}

export class OciCalls {
  constructor(readonly s: CallSettings) {}

  get pageLimit(): number {
    return this.s.pageLimit ?? 100;
  }

  /** One call: a slot per attempt (a retry's backoff does not hold a slot), shared retry policy, AppError out. */
  async one<T>(service: string, op: () => Promise<T>, o: { retry?: boolean } = {}): Promise<T> {
    const limiter = this.s.limiters.for(service);
    try {
      if (o.retry === false) return await limiter.run(op);
      return await withRetry(() => limiter.run(op), { deadlineMs: this.s.remainingMs() });
    } catch (e: unknown) {
      throw toAppError(e);
    }
  }

  /** Every item of a paginated list: `fetch(page)` answers one page's items and `opcNextPage`. */
  async allPages<T>(
    service: string,
    fetch: (page: string | undefined, limit: number) => Promise<{ items: T[]; opcNextPage?: string | undefined }>,
  ): Promise<T[]> {
    const out: T[] = [];
    let page: string | undefined;
    for (let i = 0; i < 10_000; i++) {
      const r = await this.one(service, () => fetch(page, this.pageLimit));
      out.push(...r.items);
      if (!r.opcNextPage) return out;
      page = r.opcNextPage;
    }
    return out;
  }
}

/** SDK date fields are strings at runtime (reference §3.2 (a)); normalise to ISO or null. */
export function iso(v: unknown): string | null {
  if (v === undefined || v === null || v === '') return null;
  const d = v instanceof Date ? v : new Date(String(v));
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export const tagsOf = (t: unknown): Record<string, string> =>
  t && typeof t === 'object'
    ? Object.fromEntries(Object.entries(t as Record<string, unknown>).map(([k, v]) => [k, String(v)]))
    : {};
