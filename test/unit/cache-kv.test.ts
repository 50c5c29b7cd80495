import { describe, expect, it } from 'vitest';
import { cacheTableDef, createKvCache, type CacheRow } from '#shared/cache/index.ts';
import { MemoryTable } from '../helpers/fakes/nosql-memory.ts';

describe('NoSQL TTL cache', () => {
  it('round-trips values, small and compressed', async () => {
    const table = new MemoryTable<CacheRow>({ def: cacheTableDef('cache_rt') });
    const cache = createKvCache({ table, compressAboveBytes: 64 });
    await cache.set('small', { a: 1 });
    await cache.set('big', { items: Array.from({ length: 200 }, (_, i) => `item-${i}`) });
    expect((await cache.get<{ a: number }>('small'))?.value).toEqual({ a: 1 });
    expect((await cache.get<{ items: string[] }>('big'))?.value.items).toHaveLength(200);
  });

  it('treats an unreadable entry as a miss and drops it, instead of failing the request', async () => {
    const table = new MemoryTable<CacheRow>({ def: cacheTableDef('cache_bad') });
    const cache = createKvCache({ table });
    await cache.set('k', { ok: true });
    const row = (await table.get({ cacheKey: 'k' }))!;
    await table.put({ ...row.value, payload: 'gz:not-gzip-at-all' });
    expect(await cache.get('k')).toBeUndefined();
    expect(await table.get({ cacheKey: 'k' })).toBeUndefined();
  });
});
