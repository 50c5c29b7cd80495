/**
 * NoSQL Database Cloud Service (REST, `/20190828`), as `oci-nosql`'s NosqlClient speaks it.
 *
 * Implemented: CreateTable / GetTable / ListTables / UpdateTable (TTL via `ALTER TABLE t USING
 * TTL n DAYS|HOURS`, limits, tags) / DeleteTable, GetWorkRequest, UpdateRow (put with IF_ABSENT,
 * IF_PRESENT, `if-match` row version, ttl in days, table default TTL, isGetReturnRow), GetRow,
 * DeleteRow, Query (the SQL subset in `./sql`). Row state lives in
 * `nosql/rows-<tableOcid>` and survives restarts.
 *
 * Limitations against the real service:
 * - Table changes are synchronous: the table is ACTIVE when CreateTable answers; the work request
 *   is SUCCEEDED at once. No limits are enforced (units, storage, table counts, row size).
 * - DDL: CREATE TABLE [IF NOT EXISTS] / ALTER TABLE ... USING TTL only; no child tables,
 *   indexes, identity columns, ARRAY/MAP/RECORD/ENUM types, or schema evolution (501 / 400).
 * - Query: SELECT/DELETE subset only; no GROUP BY, joins, subqueries, functions, arithmetic,
 *   prepared statements (`isPrepared` → 400). Results are computed in full and paged by an
 *   opaque offset token; `maxReadInKBs` is ignored.
 * - TTL: expiry is exact to the millisecond (the real service rounds up to the next hour/day
 *   boundary); expired rows are invisible at once and purged lazily.
 * - A missing row: GetRow answers 200 with no `value` (SDK: `row.value === undefined`). The
 *   native drivers document "value is null if the row does not exist" (GetResult) and the REST
 *   Row model makes `value` optional; no source shows a 404 for it, so we follow the drivers.
 * - Failed conditional puts answer 200 with no `version` (reference §6); failed deletes
 *   `isSuccess: false`. `existingValue`/`existingVersion` only with `isGetReturnRow`.
 * - No IAM policy checks; any compartment OCID is accepted.
 */
import type { Provider, ProviderContext, UnimplementedRoute } from '../../core/types.ts';
import { runQuery } from './query.ts';
import { RowOps } from './rows.ts';
import { NosqlStore } from './store.ts';
import { TableOps } from './tables.ts';

const B = '/20190828';

const UNIMPLEMENTED: UnimplementedRoute[] = [
  { method: 'POST', path: `${B}/tables/{t}/actions/changeCompartment`, operation: 'ChangeTableCompartment' },
  { method: 'POST', path: `${B}/tables/{t}/indexes`, operation: 'CreateIndex' },
  { method: 'GET', path: `${B}/tables/{t}/indexes`, operation: 'ListIndexes' },
  { method: 'GET', path: `${B}/tables/{t}/indexes/{i}`, operation: 'GetIndex' },
  { method: 'DELETE', path: `${B}/tables/{t}/indexes/{i}`, operation: 'DeleteIndex' },
  { method: 'POST', path: `${B}/tables/{t}/replicas`, operation: 'CreateReplica' },
  { method: 'DELETE', path: `${B}/tables/{t}/replicas/{r}`, operation: 'DeleteReplica' },
  { method: 'GET', path: `${B}/tables/{t}/usage`, operation: 'ListTableUsage' },
  { method: 'GET', path: `${B}/workRequests`, operation: 'ListWorkRequests' },
  { method: 'DELETE', path: `${B}/workRequests/{w}`, operation: 'DeleteWorkRequest' },
  { method: 'GET', path: `${B}/workRequests/{w}/errors`, operation: 'ListWorkRequestErrors' },
  { method: 'GET', path: `${B}/workRequests/{w}/logs`, operation: 'ListWorkRequestLogs' },
  { method: 'GET', path: `${B}/query/prepare`, operation: 'PrepareStatement' },
  { method: 'GET', path: `${B}/query/summarize`, operation: 'SummarizeStatement' },
  { method: 'GET', path: `${B}/configuration`, operation: 'GetConfiguration' },
  { method: 'PUT', path: `${B}/configuration`, operation: 'UpdateConfiguration' },
  { method: 'POST', path: `${B}/configuration/actions/unassignkmskey`, operation: 'UnassignKmsKey' },
];

export function nosqlProvider(ctx: ProviderContext): Provider {
  const db = new NosqlStore(ctx);
  const tables = new TableOps(ctx, db);
  const rows = new RowOps(ctx, db);
  return {
    name: 'nosql',
    prefixes: [B],
    routes: [
      { method: 'POST', path: `${B}/tables`, operation: 'CreateTable', handler: (r) => tables.create(r) },
      { method: 'GET', path: `${B}/tables`, operation: 'ListTables', handler: (r) => tables.list(r) },
      { method: 'GET', path: `${B}/tables/{tableNameOrId}`, operation: 'GetTable', handler: (r) => tables.get(r) },
      {
        method: 'PUT',
        path: `${B}/tables/{tableNameOrId}`,
        operation: 'UpdateTable',
        handler: (r) => tables.update(r),
      },
      {
        method: 'DELETE',
        path: `${B}/tables/{tableNameOrId}`,
        operation: 'DeleteTable',
        handler: (r) => tables.delete(r),
      },
      { method: 'PUT', path: `${B}/tables/{tableNameOrId}/rows`, operation: 'UpdateRow', handler: (r) => rows.put(r) },
      { method: 'GET', path: `${B}/tables/{tableNameOrId}/rows`, operation: 'GetRow', handler: (r) => rows.get(r) },
      {
        method: 'DELETE',
        path: `${B}/tables/{tableNameOrId}/rows`,
        operation: 'DeleteRow',
        handler: (r) => rows.delete(r),
      },
      { method: 'POST', path: `${B}/query`, operation: 'Query', handler: (r) => runQuery(db, r) },
      {
        method: 'GET',
        path: `${B}/workRequests/{workRequestId}`,
        operation: 'GetWorkRequest',
        handler: (r) => tables.getWorkRequest(r),
      },
    ],
    unimplemented: UNIMPLEMENTED,
  };
}
