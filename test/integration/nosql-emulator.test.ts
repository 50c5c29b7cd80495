/**
 * The emulator's NoSQL provider driven by the real oci-nosql NosqlClient: tables, rows,
 * conditional writes, TTL (with a controllable clock), the query subset, restart persistence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as common from 'oci-common';
import { NosqlClient, models } from 'oci-nosql';
import { failure, startEmulatorFixture, uid, type EmulatorFixture } from '../helpers/emulator.ts';

const LIMITS = { maxReadUnits: 10, maxWriteUnits: 10, maxStorageInGBs: 1 };

function clientFor(f: EmulatorFixture): NosqlClient {
  const c = new NosqlClient(
    { authenticationDetailsProvider: f.auth },
    { circuitBreaker: new common.CircuitBreaker({ disableClientCircuitBreaker: true }) },
  );
  return f.point(c);
}

function tableName(): string {
  return uid('t').replace(/-/g, '_');
}

async function createTable(
  c: NosqlClient,
  compartmentId: string,
  name: string,
  cols = 'id INTEGER, name STRING, n LONG, info JSON',
  extra = '',
): Promise<void> {
  await c.createTable({
    createTableDetails: {
      name,
      compartmentId,
      ddlStatement: `CREATE TABLE ${name} (${cols}, PRIMARY KEY(id))${extra}`,
      tableLimits: LIMITS,
    },
  });
}

describe('NoSQL emulator through NosqlClient', () => {
  let f: EmulatorFixture;
  let c: NosqlClient;
  let comp: string;
  beforeAll(async () => {
    f = await startEmulatorFixture();
    c = clientFor(f);
    comp = f.emu.admin.tenancyId;
  });
  afterAll(async () => {
    await f.stop();
  });

  describe('tables', () => {
    it('creates a table with a completed work request, gets it by name and OCID, lists and deletes it', async () => {
      const name = tableName();
      const created = await c.createTable({
        createTableDetails: {
          name,
          compartmentId: comp,
          ddlStatement:
            `CREATE TABLE ${name} (id INTEGER, sub STRING, at TIMESTAMP(3), PRIMARY KEY(SHARD(id), sub)) ` +
            `USING TTL 3 DAYS`,
          tableLimits: LIMITS,
        },
      });
      expect(created.opcWorkRequestId).toBeTruthy();
      const wr = await c.getWorkRequest({ workRequestId: created.opcWorkRequestId });
      expect(wr.workRequest).toMatchObject({
        status: 'SUCCEEDED',
        operationType: 'CREATE_TABLE',
        percentComplete: 100,
      });

      const t = (await c.getTable({ tableNameOrId: name, compartmentId: comp })).table;
      expect(t).toMatchObject({ name, compartmentId: comp, lifecycleState: 'ACTIVE', tableLimits: LIMITS });
      expect(t.schema).toMatchObject({ primaryKey: ['id', 'sub'], shardKey: ['id'], ttl: 3 });
      expect(t.schema!.columns.map((col) => col.type)).toEqual(['INTEGER', 'STRING', 'TIMESTAMP(3)']);
      expect((await c.getTable({ tableNameOrId: t.id })).table.name).toBe(name);

      const listed = await c.listTables({ compartmentId: comp, name });
      expect(listed.tableCollection.items!.map((i) => i.name)).toEqual([name]);

      await c.deleteTable({ tableNameOrId: name, compartmentId: comp });
      expect((await failure(c.getTable({ tableNameOrId: name, compartmentId: comp }))).statusCode).toBe(404);
    });

    it('refuses a duplicate table unless IF NOT EXISTS, and paginates ListTables', async () => {
      const prefix = tableName();
      for (const i of [1, 2, 3]) await createTable(c, comp, `${prefix}_${i}`);
      const dup = await failure(createTable(c, comp, `${prefix}_1`));
      expect(dup).toMatchObject({ statusCode: 409, serviceCode: 'TableAlreadyExists' });
      await c.createTable({
        createTableDetails: {
          name: `${prefix}_1`,
          compartmentId: comp,
          ddlStatement: `CREATE TABLE IF NOT EXISTS ${prefix}_1 (id INTEGER, PRIMARY KEY(id))`,
          tableLimits: LIMITS,
        },
      });

      const names: string[] = [];
      let page: string | undefined;
      let pages = 0;
      do {
        const r = await c.listTables({ compartmentId: comp, name: `${prefix}_*`, limit: 2, ...(page ? { page } : {}) });
        names.push(...r.tableCollection.items!.map((i) => i.name!));
        page = r.opcNextPage;
        pages++;
      } while (page);
      expect(pages).toBe(2);
      expect(names.sort()).toEqual([`${prefix}_1`, `${prefix}_2`, `${prefix}_3`]);
    });

    it.each([
      ['a missing PRIMARY KEY', 'CREATE TABLE X (id INTEGER)', /PRIMARY KEY/],
      ['an unknown type', 'CREATE TABLE X (id INTEGER, v VARCHAR, PRIMARY KEY(id))', /unknown type for column v/],
      ['an undeclared key column', 'CREATE TABLE X (id INTEGER, PRIMARY KEY(nope))', /nope is not declared/],
      ['garbage', 'MAKE ME A TABLE', /expected CREATE TABLE/],
      ['a bad TTL unit', 'CREATE TABLE X (id INTEGER, PRIMARY KEY(id)) USING TTL 3 WEEKS', /DAYS or HOURS/],
    ])('rejects DDL with %s as 400 InvalidParameter', async (_what, ddl, msg) => {
      const name = tableName();
      const e = await failure(
        c.createTable({
          createTableDetails: { name, compartmentId: comp, ddlStatement: ddl.replace('X', name), tableLimits: LIMITS },
        }),
      );
      expect(e).toMatchObject({ statusCode: 400, serviceCode: 'InvalidParameter' });
      expect(e.message).toMatch(msg);
      expect((await failure(c.getTable({ tableNameOrId: name, compartmentId: comp }))).statusCode).toBe(404);
    });

    it('changes the table TTL with ALTER TABLE and answers 501 for other schema changes', async () => {
      const name = tableName();
      await createTable(c, comp, name);
      await c.updateTable({
        tableNameOrId: name,
        updateTableDetails: { compartmentId: comp, ddlStatement: `ALTER TABLE ${name} USING TTL 5 HOURS` },
      });
      const t = (await c.getTable({ tableNameOrId: name, compartmentId: comp })).table;
      expect(t.ddlStatement).toMatch(/USING TTL 5 HOURS$/);
      expect(t.schema!.ttl).toBeCloseTo(5 / 24);
      const e = await failure(
        c.updateTable({
          tableNameOrId: name,
          updateTableDetails: { compartmentId: comp, ddlStatement: `ALTER TABLE ${name} (ADD x STRING)` },
        }),
      );
      expect(e.statusCode).toBe(400);
      const idx = await failure(c.listIndexes({ tableNameOrId: name, compartmentId: comp }));
      expect(idx).toMatchObject({ statusCode: 501 });
      expect(idx.message).toMatch(/ListIndexes/);
    });
  });

  describe('rows', () => {
    let table: string;
    beforeAll(async () => {
      table = tableName();
      await createTable(c, comp, table);
    });
    const put = (value: Record<string, unknown>, extra: Partial<models.UpdateRowDetails> = {}, ifMatch?: string) =>
      c.updateRow({
        tableNameOrId: table,
        updateRowDetails: { compartmentId: comp, value, ...extra },
        ...(ifMatch ? { ifMatch } : {}),
      });
    const get = (id: number) => c.getRow({ tableNameOrId: table, compartmentId: comp, key: [`id:${id}`] });

    it('puts, gets (typed key, all columns) and deletes a row with a new version per write', async () => {
      const p1 = await put({ id: 1, name: 'a+b c', info: { x: 1 } });
      expect(p1.updateRowResult.version).toBeTruthy();
      expect(p1.etag).toBe(p1.updateRowResult.version);
      const g = await get(1);
      expect(g.row.value).toEqual({ id: 1, name: 'a+b c', n: null, info: { x: 1 } });
      expect(g.etag).toBe(p1.updateRowResult.version);
      const p2 = await put({ id: 1, name: 'b' });
      expect(p2.updateRowResult.version).not.toBe(p1.updateRowResult.version);
      const d = await c.deleteRow({ tableNameOrId: table, compartmentId: comp, key: ['id:1'] });
      expect(d.deleteRowResult.isSuccess).toBe(true);
      const missing = await get(1);
      expect(missing.row.value).toBeUndefined();
      expect(
        (await c.deleteRow({ tableNameOrId: table, compartmentId: comp, key: ['id:1'] })).deleteRowResult.isSuccess,
      ).toBe(false);
    });

    it('keeps "+" in string key values as sent', async () => {
      const t = tableName();
      await createTable(c, comp, t, 'id STRING, v INTEGER');
      await c.updateRow({ tableNameOrId: t, updateRowDetails: { compartmentId: comp, value: { id: 'a+b', v: 1 } } });
      const r = await c.getRow({ tableNameOrId: t, compartmentId: comp, key: ['id:a+b'] });
      expect(r.row.value).toEqual({ id: 'a+b', v: 1 });
    });

    it.each([
      ['a missing primary key', { name: 'x' }, /primary key column id/],
      ['a string in an INTEGER column', { id: 'seven' }, /INTEGER/],
      ['a fraction in a LONG column', { id: 7, n: 1.5 }, /LONG/],
      ['a number in a STRING column', { id: 7, name: 5 }, /STRING/],
    ])('refuses %s with 400 and writes nothing', async (_w, value, msg) => {
      const e = await failure(put(value));
      expect(e).toMatchObject({ statusCode: 400, serviceCode: 'InvalidParameter' });
      expect(e.message).toMatch(msg);
      expect((await get(7)).row.value).toBeUndefined();
    });

    it('honours IF_ABSENT and IF_PRESENT, returning the existing row on request', async () => {
      const absent = await put({ id: 10, name: 'first' }, { option: models.UpdateRowDetails.Option.IfAbsent });
      expect(absent.updateRowResult.version).toBeTruthy();
      const again = await put(
        { id: 10, name: 'second' },
        { option: models.UpdateRowDetails.Option.IfAbsent, isGetReturnRow: true },
      );
      expect(again.updateRowResult.version).toBeFalsy();
      expect(again.updateRowResult.existingVersion).toBe(absent.updateRowResult.version);
      expect(again.updateRowResult.existingValue).toMatchObject({ name: 'first' });
      const present = await put({ id: 11, name: 'x' }, { option: models.UpdateRowDetails.Option.IfPresent });
      expect(present.updateRowResult.version).toBeFalsy();
      expect((await get(11)).row.value).toBeUndefined();
      expect(
        (await put({ id: 10, name: 'third' }, { option: models.UpdateRowDetails.Option.IfPresent })).updateRowResult
          .version,
      ).toBeTruthy();
      expect((await get(10)).row.value).toMatchObject({ name: 'third' });
    });

    it('refuses a stale if-match version on put and delete', async () => {
      const v1 = (await put({ id: 20, name: 'v1' })).updateRowResult.version!;
      const v2 = (await put({ id: 20, name: 'v2' }, {}, v1)).updateRowResult.version!;
      expect(v2).toBeTruthy();
      const stale = await put({ id: 20, name: 'v3' }, { isGetReturnRow: true }, v1);
      expect(stale.updateRowResult.version).toBeFalsy();
      expect(stale.updateRowResult).toMatchObject({ existingVersion: v2, existingValue: { name: 'v2' } });
      const del = await c.deleteRow({
        tableNameOrId: table,
        compartmentId: comp,
        key: ['id:20'],
        ifMatch: v1,
        isGetReturnRow: true,
      });
      expect(del.deleteRowResult).toMatchObject({ isSuccess: false, existingVersion: v2 });
      expect(
        (await c.deleteRow({ tableNameOrId: table, compartmentId: comp, key: ['id:20'], ifMatch: v2 })).deleteRowResult
          .isSuccess,
      ).toBe(true);
    });
  });
});
