/**
 * What the local stack creates for the functions, as data: the functions it runs, the buckets,
 * the NoSQL tables and the Events rules. Tables come from each domain function: a
 * `functions/<fn>/tables.ts` exporting `TABLES: TableSpec[]` (plain data, same shape as below) is
 * picked up automatically; nothing else needs editing when a function adds a table.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EventRule } from '#local/events/rules.ts';

/** Every function of the image, in start order (the gateway last: it needs the others' OCIDs). */
export const FUNCTIONS = ['resources', 'exports', 'presign', 'quota', 'gateway'] as const;
export type FunctionName = (typeof FUNCTIONS)[number];

export interface BucketSpec { name: string; objectEventsEnabled: boolean }
export const FILES_BUCKET = 'user-files';
export const EXPORTS_BUCKET = 'exports';
export const BUCKETS: BucketSpec[] = [
  { name: FILES_BUCKET, objectEventsEnabled: true },
  { name: EXPORTS_BUCKET, objectEventsEnabled: true },
];

/** A NoSQL table, as `CreateTableDetails` takes it. */
export interface TableSpec {
  name: string;
  ddlStatement: string;
  tableLimits: { maxReadUnits: number; maxWriteUnits: number; maxStorageInGBs: number };
}

/** Per-function settings for the runner (OCI defaults otherwise: 128 MB, 30 s). */
export const FUNCTION_SETTINGS: Partial<Record<FunctionName, { memoryMb?: number; timeoutSeconds?: number }>> = {
  gateway: { memoryMb: 256, timeoutSeconds: 60 },
  exports: { memoryMb: 256, timeoutSeconds: 120 },
};

function isTableSpec(t: unknown): t is TableSpec {
  const o = t as TableSpec;
  return !!o && typeof o.name === 'string' && typeof o.ddlStatement === 'string' && !!o.tableLimits
    && ['maxReadUnits', 'maxWriteUnits', 'maxStorageInGBs'].every((k) => Number.isInteger((o.tableLimits as unknown as Record<string, unknown>)[k]));
}

/** Collect `TABLES` from every `functions/<fn>/tables.ts` under `repoRoot`; a malformed entry fails loudly. */
export async function loadTables(repoRoot: string): Promise<TableSpec[]> {
  const out: TableSpec[] = [];
  const seen = new Map<string, string>();
  for (const fn of FUNCTIONS) {
    const file = join(repoRoot, 'functions', fn, 'tables.ts');
    if (!existsSync(file)) continue;
    const mod = (await import(pathToFileURL(file).href)) as { TABLES?: unknown };
    if (!Array.isArray(mod.TABLES)) throw new Error(`${file} must export TABLES: TableSpec[]`);
    for (const t of mod.TABLES) {
      if (!isTableSpec(t)) throw new Error(`${file}: every TABLES entry needs name, ddlStatement and integer tableLimits {maxReadUnits, maxWriteUnits, maxStorageInGBs}`);
      const prior = seen.get(t.name);
      if (prior) throw new Error(`table ${t.name} is declared by both ${prior} and ${fn}`);
      seen.set(t.name, fn);
      out.push(t);
    }
  }
  return out;
}

const OBJECT_EVENTS = ['createobject', 'updateobject', 'deleteobject'].map((a) => `com.oraclecloud.objectstorage.${a}`);

/** The Events rules, for the functions that run (`ids` holds their OCIDs). */
export function eventRules(ids: Partial<Record<FunctionName, string>>): EventRule[] {
  const rules: EventRule[] = [];
  if (ids.quota) {
    rules.push({ name: 'user-files-to-quota', condition: { eventType: OBJECT_EVENTS, data: { additionalDetails: { bucketName: [FILES_BUCKET] } } }, actions: [{ functionId: ids.quota }] });
  }
  if (ids.exports) {
    rules.push({ name: 'exports-objects-to-exports', condition: { eventType: OBJECT_EVENTS, data: { additionalDetails: { bucketName: [EXPORTS_BUCKET] } } }, actions: [{ functionId: ids.exports }] });
    rules.push({
      name: 'compute-images-to-exports',
      condition: { eventType: ['com.oraclecloud.computeapi.createimage.end', 'com.oraclecloud.computeapi.exportimage.*'] },
      actions: [{ functionId: ids.exports }],
    });
  }
  return rules;
}
