/**
 * The KeyValueTable contract, run against every implementation: in memory (unit) and the OCI
 * adapter over the emulator (integration). Each test makes its own table through `makeTable`.
 */
import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '#shared/errors.ts';
import type { KeyValueTable, TableDef } from '#shared/persistence/port.ts';

export interface Item extends Record<string, unknown> {
  id: string;
  owner: string;
  n: number;
  data: unknown;
}

export interface ContractHarness {
  /** a fresh, empty table for `def` (unique name given) */
  makeTable(def: TableDef): Promise<KeyValueTable<Item>>;
  /** move the adapter's clock forward */
  advance(ms: number): void;
}

let seq = 0;
function def(): TableDef {
  seq++;
  return {
    name: `kv_${Date.now().toString(36)}_${seq}_${Math.random().toString(36).slice(2, 6)}`,
    columns: { id: 'STRING', owner: 'STRING', n: 'LONG', data: 'JSON' },
    primaryKey: ['id'],
  };
}
const item = (id: string, n = 0, owner = 'ann'): Item => ({ id, owner, n, data: { tag: `t${n}` } });

export function keyValueContract(label: string, harness: () => ContractHarness): void {
  describe(`KeyValueTable contract: ${label}`, () => {
    it('puts, gets and deletes a row, with a new version on every write', async () => {
      const t = await harness().makeTable(def());
      expect(await t.get({ id: 'a' })).toBeUndefined();
      const p1 = await t.put(item('a', 1));
      expect(p1.ok).toBe(true);
      const g = await t.get({ id: 'a' });
      expect(g?.value).toEqual(item('a', 1));
      expect(g?.version).toBe(p1.ok && p1.version);
      const p2 = await t.put(item('a', 2));
      expect(p2.ok && p2.version).not.toBe(p1.ok && p1.version);
      expect(await t.delete({ id: 'a' })).toBe(true);
      expect(await t.get({ id: 'a' })).toBeUndefined();
      expect(await t.delete({ id: 'a' })).toBe(false);
    });

    it('round-trips keys with characters a query string would mangle', async () => {
      const t = await harness().makeTable(def());
      const id = 'a+b c&d#e%f/g:h';
      await t.put(item(id, 7));
      expect((await t.get({ id }))?.value.n).toBe(7);
      expect(await t.get({ id: 'a b c&d#e%f/g:h' })).toBeUndefined();
      expect(await t.delete({ id })).toBe(true);
    });

    it('refuses ifAbsent over a live row and ifPresent over a missing one, returning the current row', async () => {
      const t = await harness().makeTable(def());
      const first = await t.put(item('k', 1), { ifAbsent: true });
      expect(first.ok).toBe(true);
      const again = await t.put(item('k', 2), { ifAbsent: true });
      expect(again).toEqual({ ok: false, existing: { value: item('k', 1), version: first.ok ? first.version : '' } });
      expect((await t.put(item('missing', 1), { ifPresent: true })).ok).toBe(false);
      expect(await t.get({ id: 'missing' })).toBeUndefined();
      expect((await t.put(item('k', 3), { ifPresent: true })).ok).toBe(true);
      expect((await t.get({ id: 'k' }))?.value.n).toBe(3);
    });

    it('refuses a stale ifVersion on put and delete', async () => {
      const t = await harness().makeTable(def());
      const v1 = await t.put(item('v', 1));
      const v2 = await t.put(item('v', 2), { ifVersion: v1.ok ? v1.version : '' });
      expect(v2.ok).toBe(true);
      const stale = await t.put(item('v', 3), { ifVersion: v1.ok ? v1.version : '' });
      expect(stale).toEqual({ ok: false, existing: { value: item('v', 2), version: v2.ok ? v2.version : '' } });
      expect(await t.delete({ id: 'v' }, { ifVersion: v1.ok ? v1.version : '' })).toBe(false);
      expect(await t.delete({ id: 'v' }, { ifVersion: v2.ok ? v2.version : '' })).toBe(true);
    });

    it('treats rows past ttlSeconds as absent for get, ifAbsent and SELECT *', async () => {
      const h = harness();
      const t = await h.makeTable(def());
      await t.put(item('short', 1), { ttlSeconds: 30 });
      await t.put(item('long', 2));
      expect((await t.get({ id: 'short' }))?.value.n).toBe(1);
      h.advance(31_000);
      expect(await t.get({ id: 'short' })).toBeUndefined();
      expect((await t.query('SELECT * FROM {table}')).items.map((r) => r.id)).toEqual(['long']);
      expect((await t.put(item('short', 3), { ifAbsent: true })).ok).toBe(true);
      expect((await t.get({ id: 'short' }))?.value.n).toBe(3);
      expect((await t.put(item('gone', 1), { ttlSeconds: 1 })).ok).toBe(true);
      h.advance(2_000);
      expect((await t.put(item('gone', 2), { ifPresent: true })).ok).toBe(false);
    });

    it('queries with variables, order, count and pages', async () => {
      const t = await harness().makeTable(def());
      for (let i = 1; i <= 7; i++) await t.put(item(`q${i}`, i, i % 2 ? 'ann' : 'bob'));
      const ann = await t.query('SELECT * FROM {table} WHERE owner = $o ORDER BY n DESC', { variables: { $o: 'ann' } });
      expect(ann.items.map((r) => r.n)).toEqual([7, 5, 3, 1]);
      expect(ann.items[0]).toEqual(item('q7', 7, 'ann'));
      const count = await t.query<{ c: number }>('SELECT count(*) AS c FROM {table} WHERE n > $min', {
        variables: { $min: 2 },
      });
      expect(count.items).toEqual([{ c: 5 }]);
      const seen: number[] = [];
      let page: string | undefined;
      let pages = 0;
      do {
        const r = await t.query<{ n: number }>('SELECT n FROM {table} ORDER BY n', {
          limit: 3,
          ...(page ? { page } : {}),
        });
        seen.push(...r.items.map((x) => x.n));
        page = r.nextPage;
        pages++;
      } while (page);
      expect(pages).toBe(3);
      expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
    });

    it('rejects unsupported statements as bad input', async () => {
      const t = await harness().makeTable(def());
      await expect(t.query('SELECT owner, count(*) FROM {table} GROUP BY owner')).rejects.toBeInstanceOf(
        BadUserInputError,
      );
      await expect(t.query('SELECT * FROM {table} WHERE nope = 1')).rejects.toThrow(/nope/);
    });

    it('loses no update under 100 concurrent read-modify-write increments with retry on conflict', async () => {
      const t = await harness().makeTable(def());
      await t.put(item('counter', 0));
      let conflicts = 0;
      const increment = async () => {
        for (let attempt = 1; ; attempt++) {
          const cur = await t.get({ id: 'counter' });
          const r = await t.put({ ...cur!.value, n: cur!.value.n + 1 }, { ifVersion: cur!.version });
          if (r.ok) return;
          conflicts++;
          // jittered backoff, as a real retry-on-conflict loop does, so contenders spread out
          await new Promise((res) => setTimeout(res, Math.random() * Math.min(200, 5 * 2 ** attempt)));
        }
      };
      await Promise.all(Array.from({ length: 100 }, increment));
      expect((await t.get({ id: 'counter' }))?.value.n).toBe(100);
      expect(conflicts).toBeGreaterThanOrEqual(0);
    });
  });
}
