/**
 * The OCI NoSQL adapter (shared/persistence/nosql-oci.ts) against the emulator, through the
 * shared KeyValueTable contract; plus ensureTables and table prefixes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as common from 'oci-common';
import { NosqlClient } from 'oci-nosql';
import { OciNosqlTable } from '#shared/persistence/nosql-oci.ts';
import { ensureTables } from '#shared/persistence/nosql-tables-oci.ts';
import { NotFoundError } from '#shared/errors.ts';
import type { TableDef } from '#shared/persistence/port.ts';
import { startEmulatorFixture, uid, type EmulatorFixture } from '../helpers/emulator.ts';
import { keyValueContract, type Item } from '../helpers/kv-contract.ts';

let f: EmulatorFixture;
let client: NosqlClient;
let compartmentId: string;
let offset = 0;
const now = () => Date.now() + offset;

beforeAll(async () => {
  f = await startEmulatorFixture();
  client = f.point(
    new NosqlClient(
      { authenticationDetailsProvider: f.auth },
      { circuitBreaker: new common.CircuitBreaker({ disableClientCircuitBreaker: true }) },
    ),
  );
  compartmentId = f.emu.admin.tenancyId;
});
afterAll(async () => {
  await f.stop();
});

keyValueContract('OCI NoSQL adapter over the emulator', () => ({
  async makeTable(def) {
    await ensureTables([def], { client, compartmentId, pollMs: 20 });
    return new OciNosqlTable<Item>(def, { client, compartmentId, now, retry: { maxAttempts: 2, baseDelayMs: 10 } });
  },
  advance: (ms) => {
    offset += ms;
  },
}));

describe('ensureTables', () => {
  it('creates missing tables once, with the prefix and the expiresAt column, and is idempotent', async () => {
    const prefix = `${uid('p').replace(/-/g, '_')}_`;
    const defs: TableDef[] = [
      { name: 'users', columns: { id: 'STRING', name: 'STRING' }, primaryKey: ['id'] },
      {
        name: 'events',
        columns: { owner: 'STRING', seq: 'LONG', body: 'JSON' },
        primaryKey: ['owner', 'seq'],
        shardKey: ['owner'],
        ttl: { value: 7, unit: 'DAYS' },
      },
    ];
    const first = await ensureTables(defs, { client, compartmentId, tablePrefix: prefix, pollMs: 20 });
    expect(first).toEqual([
      { name: `${prefix}users`, created: true },
      { name: `${prefix}events`, created: true },
    ]);
    const again = await ensureTables(defs, { client, compartmentId, tablePrefix: prefix, pollMs: 20 });
    expect(again.map((t) => t.created)).toEqual([false, false]);
    const ev = (await client.getTable({ tableNameOrId: `${prefix}events`, compartmentId })).table;
    expect(ev.schema).toMatchObject({ primaryKey: ['owner', 'seq'], shardKey: ['owner'], ttl: 7 });
    expect(ev.schema!.columns.map((c) => c.name)).toEqual(['owner', 'seq', 'body', 'expiresAt']);
  });

  it('reports a missing table as NotFoundError from the adapter', async () => {
    const t = new OciNosqlTable<Item>(
      { name: uid('absent').replace(/-/g, '_'), primaryKey: ['id'] },
      { client, compartmentId, retry: { maxAttempts: 1 } },
    );
    await expect(t.get({ id: 'x' })).rejects.toBeInstanceOf(NotFoundError);
  });
});
