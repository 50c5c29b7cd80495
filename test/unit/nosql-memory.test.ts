/** The in-memory KeyValueTable against the shared contract, plus the SQL engine's edge cases. */
import { describe, expect, it } from 'vitest';
import { MemoryTable } from '../helpers/fakes/nosql-memory.ts';
import { tableDdl } from '#shared/persistence/port.ts';
import { execute, parseStatement, SqlError, SqlUnsupportedError } from '#local/emulator/services/nosql/sql/index.ts';
import { keyValueContract, type Item } from '../helpers/kv-contract.ts';

let offset = 0;
keyValueContract('in memory', () => ({
  makeTable: async (def) => new MemoryTable<Item>({ def, now: () => Date.now() + offset }),
  advance: (ms) => {
    offset += ms;
  },
}));

describe('SQL subset engine', () => {
  const rows = [
    { id: 1, name: 'a', info: { x: 1 } },
    { id: 2, name: null, info: { x: 2 } },
    { id: 3, name: 'c' },
  ];
  const run = (sql: string, variables: Record<string, unknown> = {}) => {
    const r = execute(parseStatement(sql), { tableName: 'T', columns: ['id', 'name', 'info'], rows, variables });
    if (r.kind !== 'select') throw new Error('not a select');
    return r.items;
  };

  it('treats comparisons with NULL or missing fields as unknown, so NOT does not flip them', () => {
    expect(run("SELECT id FROM t WHERE NOT name = 'a'")).toEqual([{ id: 3 }]);
    expect(run('SELECT id FROM t WHERE NOT info.x = 1')).toEqual([{ id: 2 }]);
    expect(run('SELECT id FROM t WHERE info.x IS NULL')).toEqual([{ id: 3 }]);
  });

  it('does not compare values of different kinds', () => {
    expect(run("SELECT id FROM t WHERE id = '1'")).toEqual([]);
    expect(run("SELECT id FROM t WHERE id < 'z'")).toEqual([]);
  });

  it('binds variables with or without the $ and names unnamed projections', () => {
    expect(run('SELECT id FROM t WHERE id = $v', { v: 2 })).toEqual([{ id: 2 }]);
    expect(run('SELECT t.info.x, count(*) FROM t'.replace(', count(*)', ''))).toEqual([
      { x: 1 },
      { x: 2 },
      { x: null },
    ]);
  });

  it('accepts DECLARE, comments and double-quoted strings', () => {
    expect(
      run('DECLARE $a INTEGER; $b STRING; SELECT id FROM t /* c */ WHERE id = $a OR name = "c" -- end', {
        $a: 1,
        $b: 'x',
      }),
    ).toEqual([{ id: 1 }, { id: 3 }]);
  });

  it.each([
    ['SELECT DISTINCT id FROM t', SqlUnsupportedError, /DISTINCT/],
    ["SELECT * FROM t WHERE name LIKE 'a%'", SqlUnsupportedError, /LIKE/],
    ['SELECT * FROM t WHERE id + 1 = 2', SqlUnsupportedError, /arithmetic/],
    ['SELECT upper(name) FROM t', SqlUnsupportedError, /function upper/],
    ["SELECT * FROM t WHERE name = 'oops", SqlError, /unterminated string/],
    ['SELECT * FROM other', SqlError, /names table other/],
    ['SELECT * FROM t LIMIT -1', SqlError, /LIMIT must be a non-negative integer/],
  ])('rejects %s', (sql, cls, msg) => {
    expect(() => run(sql)).toThrow(cls);
    expect(() => run(sql)).toThrow(msg);
  });

  it('builds CREATE TABLE DDL with the expiresAt column, shard key and TTL', () => {
    expect(
      tableDdl(
        {
          name: 'x',
          columns: { a: 'STRING', b: 'INTEGER' },
          primaryKey: ['a', 'b'],
          shardKey: ['a'],
          ttl: { value: 2, unit: 'DAYS' },
        },
        'p_x',
      ),
    ).toBe(
      'CREATE TABLE IF NOT EXISTS p_x (a STRING, b INTEGER, expiresAt LONG, PRIMARY KEY(SHARD(a), b)) USING TTL 2 DAYS',
    );
  });
});
