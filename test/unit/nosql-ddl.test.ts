/** The emulator's NoSQL DDL parser and row value checks (no network). */
import { describe, expect, it } from 'vitest';
import { DdlError, parseDdl } from '#local/emulator/services/nosql/ddl.ts';
import { encodeKey, normaliseRow, parseKeyParams } from '#local/emulator/services/nosql/values.ts';

describe('NoSQL DDL parser', () => {
  it('parses columns, NOT NULL, DEFAULT, a shard key and a TTL', () => {
    const d = parseDdl(
      'create table if not exists Users (id STRING, seq LONG, at TIMESTAMP(3) NOT NULL, ok BOOLEAN DEFAULT true, doc ' +
        'JSON, PRIMARY KEY(SHARD(id), seq)) USING TTL 12 HOURS;',
    );
    expect(d).toMatchObject({
      kind: 'create',
      ifNotExists: true,
      name: 'Users',
      primaryKey: ['id', 'seq'],
      shardKey: ['id'],
      ttl: { value: 12, unit: 'HOURS' },
    });
    if (d.kind !== 'create') throw new Error('create expected');
    expect(d.columns.map((c) => [c.name, c.type, c.nullable])).toEqual([
      ['id', 'STRING', false],
      ['seq', 'LONG', false],
      ['at', 'TIMESTAMP', false],
      ['ok', 'BOOLEAN', true],
      ['doc', 'JSON', true],
    ]);
    expect(d.columns[3]!.defaultValue).toBe(true);
  });

  it('parses ALTER TABLE ... USING TTL', () => {
    expect(parseDdl('ALTER TABLE t USING TTL 0 DAYS')).toEqual({
      kind: 'alterTtl',
      name: 't',
      ttl: { value: 0, unit: 'DAYS' },
    });
  });

  it.each([
    ['CREATE TABLE t (id JSON, PRIMARY KEY(id))', /cannot be of type JSON/],
    ['CREATE TABLE t (id INTEGER, id STRING, PRIMARY KEY(id))', /declared twice/],
    ['CREATE TABLE t (id INTEGER PRIMARY KEY)', /inline PRIMARY KEY/],
    ['CREATE TABLE t (id INTEGER, at TIMESTAMP(12), PRIMARY KEY(id))', /precision must be 0..9/],
    ['CREATE TABLE t (id INTEGER, PRIMARY KEY(id)) extra', /unexpected text/],
    ['CREATE TABLE p.c (id INTEGER, PRIMARY KEY(id))', /child tables/],
    ['CREATE INDEX i ON t (a)', /CREATE INDEX is not supported/],
    ['ALTER TABLE t (ADD x STRING)', /only ALTER TABLE/],
    ["CREATE TABLE t (id STRING DEFAULT 'x, PRIMARY KEY(id))", /unterminated string/],
  ])('rejects %s', (ddl, msg) => {
    expect(() => parseDdl(ddl)).toThrow(DdlError);
    expect(() => parseDdl(ddl)).toThrow(msg);
  });
});

describe('NoSQL row values', () => {
  const schema = (() => {
    const d = parseDdl(
      'CREATE TABLE t (id INTEGER, name STRING, at TIMESTAMP(3), n NUMBER DEFAULT 5, PRIMARY KEY(id))',
    );
    if (d.kind !== 'create') throw new Error('create expected');
    return d;
  })();

  it('fills absent columns with defaults or null and normalises timestamps', () => {
    expect(normaliseRow(schema, { id: 1, at: '2024-01-02T03:04:05Z', extra: 1 })).toEqual({
      id: 1,
      name: null,
      at: '2024-01-02T03:04:05.000Z',
      n: 5,
    });
  });

  it('refuses extra fields with exactMatch and out-of-range integers', () => {
    expect(() => normaliseRow(schema, { id: 1, extra: 1 }, { exactMatch: true })).toThrow(/extra/);
    expect(() => normaliseRow(schema, { id: 2 ** 31 })).toThrow(/32-bit/);
  });

  it('types key params by the schema and encodes keys the same way as rows', () => {
    const k = parseKeyParams(schema, ['id:42']);
    expect(k).toEqual({ id: 42 });
    expect(encodeKey(schema, k)).toBe(encodeKey(schema, normaliseRow(schema, { id: 42, name: 'x' })));
    expect(() => parseKeyParams(schema, ['id:x'])).toThrow(/not a number/);
    expect(() => parseKeyParams(schema, ['name:x'])).toThrow(/not part of the primary key/);
    expect(() => parseKeyParams(schema, [])).toThrow(/key is required/);
  });
});
