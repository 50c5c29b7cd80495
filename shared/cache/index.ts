/**
 * A TTL cache of JSON values in a NoSQL table (through the {@link KeyValueTable} port), for list
 * results that are expensive to rebuild (e.g. OCI inventories). Entries expire by the table's
 * `expiresAt` column (port.ts), so a read after the TTL is a miss without any sweeper.
 *
 * Large payloads are gzip-compressed (base64) before they are stored; a payload still larger than
 * `maxPayloadBytes` is not cached (`set` answers false) rather than failing the request.
 *
 * @example
 * const cache = createKvCache({ table: new OciNosqlTable(CACHE_TABLE, settings), ttlSeconds: 300 });
 * const hit = await cache.get<Instance[]>('c1|instances');
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { BadUserInputError } from '../errors.ts';
import type { KeyValueTable, TableDef } from '../persistence/port.ts';

/** The row the cache stores. */
export interface CacheRow extends Record<string, unknown> {
  cacheKey: string;
  /** JSON text, or `gz:` + base64 of gzipped JSON */
  payload: string;
  /** ms since epoch when stored */
  storedAt: number;
}

/** A table definition for a cache (logical name given by the owner). */
export function cacheTableDef(name: string): TableDef {
  return { name, columns: { cacheKey: 'STRING', payload: 'STRING', storedAt: 'LONG' }, primaryKey: ['cacheKey'] };
}

/** The cache port domain code depends on. */
export interface CachePort {
  /** the cached value, or undefined on a miss (absent or expired) */
  get<T>(key: string): Promise<{ value: T; storedAt: number } | undefined>;
  /** store with the default TTL (or `ttlSeconds`); false when the payload is too large to cache */
  set<T>(key: string, value: T, options?: { ttlSeconds?: number }): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** the TTL applied by default, in seconds */
  readonly ttlSeconds: number;
}

export interface KvCacheOptions {
  table: KeyValueTable<CacheRow>;
  /** default TTL in seconds, 1..maxTtlSeconds @default 300 */
  ttlSeconds?: number;
  /** the largest TTL allowed @default 600 */
  maxTtlSeconds?: number;
  /** payloads above this many bytes (after compression) are not cached @default 450_000 */
  maxPayloadBytes?: number;
  /** compress payloads above this many bytes @default 32_768 */
  compressAboveBytes?: number;
  now?: () => number;
}

function checkTtl(ttl: number, max: number): number {
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > max)
    throw new BadUserInputError(`cache TTL must be an integer from 1 to ${max} seconds, got ${ttl}`);
  return ttl;
}

export function createKvCache(options: KvCacheOptions): CachePort {
  const max = options.maxTtlSeconds ?? 600;
  const ttlSeconds = checkTtl(options.ttlSeconds ?? 300, max);
  const maxBytes = options.maxPayloadBytes ?? 450_000;
  const compressAbove = options.compressAboveBytes ?? 32_768;
  const now = options.now ?? Date.now;
  const { table } = options;
  return {
    ttlSeconds,
    async get<T>(key: string) {
      const row = await table.get({ cacheKey: key });
      if (!row) return undefined;
      const p = row.value.payload;
      try {
        const text = p.startsWith('gz:') ? gunzipSync(Buffer.from(p.slice(3), 'base64')).toString('utf8') : p;
        return { value: JSON.parse(text) as T, storedAt: Number(row.value.storedAt) };
      } catch {
        // an entry we cannot read is a miss, not a failed request; drop it so the next set replaces it
        await table.delete({ cacheKey: key }).catch(() => undefined);
        return undefined;
      }
    },
    async set<T>(key: string, value: T, o: { ttlSeconds?: number } = {}) {
      const ttl = checkTtl(o.ttlSeconds ?? ttlSeconds, max);
      let payload = JSON.stringify(value);
      if (Buffer.byteLength(payload) > compressAbove) payload = `gz:${gzipSync(payload).toString('base64')}`;
      if (Buffer.byteLength(payload) > maxBytes) return false;
      await table.put({ cacheKey: key, payload, storedAt: now() }, { ttlSeconds: ttl });
      return true;
    },
    async delete(key: string) {
      await table.delete({ cacheKey: key });
    },
  };
}
