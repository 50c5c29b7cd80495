/**
 * Row operations: UpdateRow (put), GetRow, DeleteRow. Every check-and-write runs synchronously
 * (no await between reading the current row and writing the new one), so conditional writes are
 * atomic with respect to concurrent requests on the single-threaded event loop.
 */
import { OciErrors } from '../../core/errors.ts';
import { newEtag } from '../../core/ids.ts';
import type { EmulatorRequest, EmulatorResponse, ProviderContext } from '../../core/types.ts';
import { ttlMs } from './ddl.ts';
import type { NosqlStore, RowRecord, TableRecord } from './store.ts';
import { encodeKey, normaliseRow, parseKeyParams } from './values.ts';

const DAY_MS = 86_400_000;
const READ = { readUnitsConsumed: 1, writeUnitsConsumed: 0 };
const WRITE = { readUnitsConsumed: 1, writeUnitsConsumed: 1 };

function expiration(r: RowRecord): { timeOfExpiration?: string } {
  return r.expiresAt === undefined ? {} : { timeOfExpiration: new Date(r.expiresAt).toISOString() };
}

export class RowOps {
  constructor(
    private readonly ctx: ProviderContext,
    private readonly db: NosqlStore,
  ) {}

  put(req: EmulatorRequest): EmulatorResponse {
    const b = req.json<Record<string, unknown>>();
    const t = this.db.resolve(req.params.tableNameOrId!, b.compartmentId as string | undefined);
    if (b.option !== undefined && b.option !== 'IF_ABSENT' && b.option !== 'IF_PRESENT')
      throw OciErrors.invalidParameter('option must be IF_ABSENT or IF_PRESENT');
    if (b.ttl !== undefined && (typeof b.ttl !== 'number' || !Number.isFinite(b.ttl) || b.ttl < 0))
      throw OciErrors.invalidParameter('ttl must be a non-negative number of days');
    for (const k of ['isGetReturnRow', 'isTtlUseTableDefault', 'isExactMatch'] as const) {
      if (b[k] !== undefined && typeof b[k] !== 'boolean') throw OciErrors.invalidParameter(`${k} must be a boolean`);
    }
    const value = normaliseRow(t, b.value, { exactMatch: b.isExactMatch === true });
    const key = encodeKey(t, value);
    const ifMatch = req.header('if-match');
    // check and write with no await in between: atomic on the event loop
    const existing = this.db.live(t, key);
    const failed =
      (b.option === 'IF_ABSENT' && existing !== undefined) ||
      (b.option === 'IF_PRESENT' && existing === undefined) ||
      (ifMatch !== undefined && (existing === undefined || (ifMatch !== '*' && existing.version !== ifMatch)));
    if (failed) {
      return {
        body: {
          usage: READ,
          ...(b.isGetReturnRow === true && existing
            ? { existingVersion: existing.version, existingValue: existing.value }
            : {}),
        },
      };
    }
    const now = this.ctx.now();
    let expiresAt: number | undefined;
    if (typeof b.ttl === 'number' && b.ttl > 0) expiresAt = now + b.ttl * DAY_MS;
    else if (b.ttl === 0) expiresAt = undefined;
    else if (b.isTtlUseTableDefault === true || existing === undefined) {
      const d = ttlMs(t.ttl);
      expiresAt = d === undefined ? undefined : now + d;
    } else expiresAt = existing.expiresAt;
    const version = newEtag();
    this.db.rows(t).put(key, { value, version, modifiedAt: now, ...(expiresAt !== undefined ? { expiresAt } : {}) });
    return { headers: { etag: version }, body: { version, usage: WRITE } };
  }

  get(req: EmulatorRequest): EmulatorResponse {
    const t = this.db.resolve(req.params.tableNameOrId!, req.query('compartmentId'));
    this.checkConsistency(req.query('consistency'));
    const key = encodeKey(t, parseKeyParams(t, req.queryAll('key')));
    const r = this.db.live(t, key);
    // A missing row is a 200 with no `value` (see the provider header for why)
    if (!r) return { body: { usage: READ } };
    return { headers: { etag: r.version }, body: { value: r.value, ...expiration(r), usage: READ } };
  }

  delete(req: EmulatorRequest): EmulatorResponse {
    const t = this.db.resolve(req.params.tableNameOrId!, req.query('compartmentId'));
    const key = encodeKey(t, parseKeyParams(t, req.queryAll('key')));
    const returnRow = req.query('isGetReturnRow');
    if (returnRow !== undefined && returnRow !== 'true' && returnRow !== 'false')
      throw OciErrors.invalidParameter('isGetReturnRow must be true or false');
    const ifMatch = req.header('if-match');
    const existing = this.db.live(t, key);
    if (!existing) return { body: { isSuccess: false, usage: READ } };
    if (ifMatch !== undefined && ifMatch !== '*' && ifMatch !== existing.version) {
      return {
        body: {
          isSuccess: false,
          usage: READ,
          ...(returnRow === 'true' ? { existingVersion: existing.version, existingValue: existing.value } : {}),
        },
      };
    }
    this.db.rows(t).delete(key);
    return { body: { isSuccess: true, usage: WRITE } };
  }

  private checkConsistency(c: string | undefined): void {
    if (c !== undefined && c !== 'EVENTUAL' && c !== 'ABSOLUTE')
      throw OciErrors.invalidParameter('consistency must be EVENTUAL or ABSOLUTE');
  }
}

export type { TableRecord };
