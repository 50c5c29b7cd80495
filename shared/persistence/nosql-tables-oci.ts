/**
 * `ensureTables`: create the application's NoSQL tables idempotently (`npm start`, deploy).
 * A table that exists is left as it is (no schema migration); a missing one is created with
 * `CREATE TABLE IF NOT EXISTS` and waited for (the real service is asynchronous: work request,
 * then lifecycleState ACTIVE).
 */
import { isOciError, retryToken, toAppError, withRetry } from '../oci/index.ts';
import { UpstreamError } from '../errors.ts';
import { nosqlClientFrom, type NosqlSettings } from './nosql-oci.ts';
import { tableDdl, type TableDef } from './port.ts';

const DEFAULT_LIMITS = { maxReadUnits: 50, maxWriteUnits: 50, maxStorageInGBs: 1 };

export interface EnsureTablesOptions extends NosqlSettings {
  /** how long to wait for each new table to become ACTIVE @default 120000 */
  timeoutMs?: number;
  /** poll interval @default 1000 */
  pollMs?: number;
}

export interface EnsuredTable {
  name: string;
  created: boolean;
}

/** Create every table of `defs` that does not exist yet; returns what it did, in order. */
export async function ensureTables(defs: TableDef[], options: EnsureTablesOptions): Promise<EnsuredTable[]> {
  const client = nosqlClientFrom(options);
  const compartmentId = options.compartmentId;
  const retry = options.retry ?? {};
  const out: EnsuredTable[] = [];
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const stateOf = async (name: string): Promise<string | undefined> => {
    try {
      return (
        (await withRetry(() => client.getTable({ tableNameOrId: name, compartmentId }), retry)).table.lifecycleState ??
        'ACTIVE'
      );
    } catch (e) {
      if (isOciError(e) && e.statusCode === 404) return undefined;
      throw toAppError(e);
    }
  };
  for (const def of defs) {
    const name = `${options.tablePrefix ?? ''}${def.name}`;
    if ((await stateOf(name)) === 'ACTIVE') {
      out.push({ name, created: false });
      continue;
    }
    const token = retryToken();
    let workRequestId: string | undefined;
    try {
      const r = await withRetry(
        () =>
          client.createTable({
            createTableDetails: {
              name,
              compartmentId,
              ddlStatement: tableDdl(def, name),
              tableLimits: def.limits ?? DEFAULT_LIMITS,
            },
            opcRetryToken: token,
          }),
        retry,
      );
      workRequestId = r.opcWorkRequestId;
    } catch (e) {
      // lost a race with another starter: the table exists now
      if (!(isOciError(e) && e.statusCode === 409)) throw toAppError(e);
    }
    const deadline = Date.now() + (options.timeoutMs ?? 120_000);
    for (;;) {
      if (workRequestId) {
        const wr = (
          await withRetry(() => client.getWorkRequest({ workRequestId: workRequestId! }), retry).catch((e: unknown) => {
            throw toAppError(e);
          })
        ).workRequest;
        if (wr.status === 'FAILED' || wr.status === 'CANCELED')
          throw new UpstreamError(`creating table ${name} ${wr.status.toLowerCase()}`);
        if (wr.status === 'SUCCEEDED') workRequestId = undefined;
      }
      if (!workRequestId && (await stateOf(name)) === 'ACTIVE') break;
      if (Date.now() > deadline) throw new UpstreamError(`table ${name} did not become ACTIVE in time`);
      await sleep(options.pollMs ?? 1000);
    }
    out.push({ name, created: true });
  }
  return out;
}
