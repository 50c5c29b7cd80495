/**
 * The NoSQL emulator's query subset, row and table TTL under a controllable clock, and state
 * across restarts, all through the real NosqlClient.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as common from 'oci-common';
import { NosqlClient } from 'oci-nosql';
import { failure, startEmulatorFixture, uid, type EmulatorFixture } from '../helpers/emulator.ts';

const LIMITS = { maxReadUnits: 10, maxWriteUnits: 10, maxStorageInGBs: 1 };
const HOUR = 3_600_000;

function clientFor(f: EmulatorFixture): NosqlClient {
  return f.point(
    new NosqlClient(
      { authenticationDetailsProvider: f.auth },
      { circuitBreaker: new common.CircuitBreaker({ disableClientCircuitBreaker: true }) },
    ),
  );
}
function tableName(): string {
  return uid('q').replace(/-/g, '_');
}
describe('NoSQL query subset', () => {
  let f: EmulatorFixture;
  let c: NosqlClient;
  let comp: string;
  let t: string;
  const query = (statement: string, o: { variables?: Record<string, unknown>; limit?: number; page?: string } = {}) =>
    c.query({
      queryDetails: { compartmentId: comp, statement, ...(o.variables ? { variables: o.variables } : {}) },
      ...(o.limit ? { limit: o.limit } : {}),
      ...(o.page ? { page: o.page } : {}),
    });

  beforeAll(async () => {
    f = await startEmulatorFixture();
    c = clientFor(f);
    comp = f.emu.admin.tenancyId;
    t = tableName();
    await c.createTable({
      createTableDetails: {
        name: t,
        compartmentId: comp,
        ddlStatement:
          `CREATE TABLE ${t} (id INTEGER, owner STRING, size LONG, tag STRING, meta JSON, PRIMARY ` +
          `KEY(SHARD(owner), id))`,
        tableLimits: LIMITS,
      },
    });
    for (let i = 1; i <= 12; i++) {
      await c.updateRow({
        tableNameOrId: t,
        updateRowDetails: {
          compartmentId: comp,
          value: {
            id: i,
            owner: i % 2 ? 'ann' : 'bob',
            size: i * 10,
            tag: i % 3 === 0 ? null : `t${i % 3}`,
            meta: { kind: i <= 6 ? 'small' : 'big', n: i },
          },
        },
      });
    }
  });
  afterAll(async () => {
    await f.stop();
  });

  it('filters with variables, AND/OR/NOT, IN, BETWEEN, IS NULL and JSON paths', async () => {
    const ids = async (stmt: string, variables?: Record<string, unknown>) =>
      (await query(stmt, variables ? { variables } : {})).queryResultCollection
        .items!.map((r) => r.id as number)
        .sort((a, b) => a - b);
    expect(await ids(`SELECT * FROM ${t} WHERE owner = $o AND size > $min`, { $o: 'ann', $min: 50 })).toEqual([
      7, 9, 11,
    ]);
    expect(
      await ids(`SELECT * FROM ${t} x WHERE x.meta.kind = 'big' AND NOT (x.owner = 'ann' OR x.id IN (8, 10))`),
    ).toEqual([12]);
    expect(await ids(`SELECT * FROM ${t} WHERE size BETWEEN 30 AND 50`)).toEqual([3, 4, 5]);
    expect(await ids(`SELECT * FROM ${t} WHERE tag IS NULL`)).toEqual([3, 6, 9, 12]);
    expect(await ids(`SELECT * FROM ${t} WHERE tag IS NOT NULL AND tag <> 't1' AND id < 6`)).toEqual([2, 5]);
    expect(await ids(`SELECT * FROM ${t} AS r WHERE r.meta.n >= 11 OR r.id = 1`)).toEqual([1, 11, 12]);
  });

  it('projects columns and paths, orders, limits, offsets and counts', async () => {
    const r = await query(
      `SELECT id, meta.kind AS k, t.size FROM ${t} t WHERE owner = 'bob' ORDER BY size DESC LIMIT 3 OFFSET 1`,
    );
    expect(r.queryResultCollection.items).toEqual([
      { id: 10, k: 'big', size: 100 },
      { id: 8, k: 'big', size: 80 },
      { id: 6, k: 'small', size: 60 },
    ]);
    const byTag = await query(`SELECT id FROM ${t} WHERE id <= 4 ORDER BY tag ASC, id DESC`);
    expect(byTag.queryResultCollection.items!.map((x) => x.id)).toEqual([4, 1, 2, 3]);
    const n = await query(`SELECT count(*) FROM ${t} WHERE meta.kind = $k`, { variables: { $k: 'small' } });
    expect(n.queryResultCollection.items).toEqual([{ Column_1: 6 }]);
    const named = await query(`SELECT count(*) AS total FROM ${t}`);
    expect(named.queryResultCollection.items).toEqual([{ total: 12 }]);
  });

  it('paginates over several pages with an opaque token and refuses a token for another query', async () => {
    const seen: number[] = [];
    let page: string | undefined;
    let pages = 0;
    do {
      const r = await query(`SELECT id FROM ${t} ORDER BY id`, { limit: 5, ...(page ? { page } : {}) });
      seen.push(...r.queryResultCollection.items!.map((x) => x.id as number));
      page = r.opcNextPage;
      pages++;
      if (pages === 1) {
        const e = await failure(query(`SELECT * FROM ${t}`, { limit: 5, page: page! }));
        expect(e).toMatchObject({ statusCode: 400, serviceCode: 'InvalidParameter' });
      }
    } while (page);
    expect(pages).toBe(3);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it.each([
    ['an INSERT', 'INSERT INTO T VALUES (1)', /INSERT statement is not supported/],
    ['an UPDATE', 'UPDATE T SET size = 1', /UPDATE statement is not supported/],
    ['GROUP BY', 'SELECT owner, count(*) FROM T GROUP BY owner', /GROUP BY is not supported/],
    ['a join', 'SELECT * FROM T a, T b', /join/],
    ['a subquery', 'SELECT * FROM T WHERE id IN (SELECT id FROM T)', /subquery is not supported/],
    ['an unknown column', 'SELECT * FROM T WHERE nope = 1', /unknown column nope/],
    ['an unbound variable', 'SELECT * FROM T WHERE id = $x', /\$x is not bound/],
    ['a syntax error', 'SELECT * FROM T WHERE', /end of statement/],
  ])('rejects %s with 400 InvalidParameter', async (_w, stmt, msg) => {
    const e = await failure(query(stmt.replace(/\bT\b/g, t)));
    expect(e).toMatchObject({ statusCode: 400, serviceCode: 'InvalidParameter' });
    expect(e.message).toMatch(msg);
  });

  it('deletes the rows a DELETE statement matches', async () => {
    const d = tableName();
    await c.createTable({
      createTableDetails: {
        name: d,
        compartmentId: comp,
        ddlStatement: `CREATE TABLE ${d} (id INTEGER, k STRING, PRIMARY KEY(id))`,
        tableLimits: LIMITS,
      },
    });
    for (let i = 1; i <= 5; i++)
      await c.updateRow({
        tableNameOrId: d,
        updateRowDetails: { compartmentId: comp, value: { id: i, k: i <= 3 ? 'x' : 'y' } },
      });
    const r = await query(`DELETE FROM ${d} WHERE k = $k`, { variables: { $k: 'x' } });
    expect(r.queryResultCollection.items).toEqual([{ numRowsDeleted: 3 }]);
    expect((await query(`SELECT id FROM ${d} ORDER BY id`)).queryResultCollection.items).toEqual([
      { id: 4 },
      { id: 5 },
    ]);
  });
});

describe('NoSQL TTL and restarts', () => {
  it('expires rows with a (fractional) row TTL and keeps TTL-less rows, across a restart', async () => {
    let offset = 0;
    let f = await startEmulatorFixture({ now: () => Date.now() + offset });
    try {
      let c = clientFor(f);
      const comp = f.emu.admin.tenancyId;
      const t = tableName();
      await c.createTable({
        createTableDetails: {
          name: t,
          compartmentId: comp,
          ddlStatement: `CREATE TABLE ${t} (id INTEGER, v STRING, PRIMARY KEY(id))`,
          tableLimits: LIMITS,
        },
      });
      // 0.001 days = 86.4 s: small enough that the shifted clock stays inside the 5-minute signature skew
      await c.updateRow({
        tableNameOrId: t,
        updateRowDetails: { compartmentId: comp, value: { id: 1, v: 'short' }, ttl: 0.001 },
      });
      await c.updateRow({
        tableNameOrId: t,
        updateRowDetails: { compartmentId: comp, value: { id: 2, v: 'forever' } },
      });
      const got = await c.getRow({ tableNameOrId: t, compartmentId: comp, key: ['id:1'] });
      expect(Date.parse(String(got.row.timeOfExpiration)) - Date.now()).toBeGreaterThan(60_000);

      f = await f.restart();
      c = clientFor(f);
      expect((await c.getRow({ tableNameOrId: t, compartmentId: comp, key: ['id:1'] })).row.value).toEqual({
        id: 1,
        v: 'short',
      });
      offset = 120_000;
      expect((await c.getRow({ tableNameOrId: t, compartmentId: comp, key: ['id:1'] })).row.value).toBeUndefined();
      const all = await c.query({ queryDetails: { compartmentId: comp, statement: `SELECT * FROM ${t}` } });
      expect(all.queryResultCollection.items).toEqual([{ id: 2, v: 'forever' }]);
      // an expired row is absent for IF_ABSENT too
      const again = await c.updateRow({
        tableNameOrId: t,
        updateRowDetails: { compartmentId: comp, value: { id: 1, v: 'new' }, option: 'IF_ABSENT' as never },
      });
      expect(again.updateRowResult.version).toBeTruthy();
    } finally {
      await f.stop();
    }
  });

  it('applies the table default TTL to new rows and isTtlUseTableDefault, and ALTER TABLE changes it', async () => {
    let offset = 0;
    // a shift of hours is beyond the signature clock-skew window, so this emulator skips signatures
    const f = await startEmulatorFixture({ now: () => Date.now() + offset, verifySignatures: false });
    try {
      const c = clientFor(f);
      const comp = f.emu.admin.tenancyId;
      const t = tableName();
      await c.createTable({
        createTableDetails: {
          name: t,
          compartmentId: comp,
          ddlStatement: `CREATE TABLE ${t} (id INTEGER, PRIMARY KEY(id)) USING TTL 2 HOURS`,
          tableLimits: LIMITS,
        },
      });
      const put = (id: number, extra: Record<string, unknown> = {}) =>
        c.updateRow({ tableNameOrId: t, updateRowDetails: { compartmentId: comp, value: { id }, ...extra } });
      const alive = async (id: number) =>
        (await c.getRow({ tableNameOrId: t, compartmentId: comp, key: [`id:${id}`] })).row.value !== undefined;
      await put(1);
      await put(2, { ttl: 1 });
      await put(3, { ttl: 0 });
      await c.updateTable({
        tableNameOrId: t,
        updateTableDetails: { compartmentId: comp, ddlStatement: `ALTER TABLE ${t} USING TTL 5 HOURS` },
      });
      await put(4);
      offset = 3 * HOUR;
      expect([await alive(1), await alive(2), await alive(3), await alive(4)]).toEqual([false, true, true, true]);
      await put(2, { isTtlUseTableDefault: true });
      offset = 7 * HOUR;
      expect([await alive(2), await alive(3), await alive(4)]).toEqual([true, true, false]);
      offset = 9 * HOUR;
      expect(await alive(2)).toBe(false);
    } finally {
      await f.stop();
    }
  });
});
