/** Query: POST /query with the SQL subset of `./sql` (SELECT / DELETE). */
import { OciErrors } from '../../core/errors.ts';
import { isOcid } from '../../core/ids.ts';
import type { EmulatorRequest, EmulatorResponse } from '../../core/types.ts';
import { execute, fingerprint, paginateRows, parseStatement, SqlError, type Statement } from './sql/index.ts';
import type { NosqlStore } from './store.ts';

function sql<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof SqlError) throw OciErrors.invalidParameter(`Query: ${e.message}`);
    throw e;
  }
}

export function runQuery(db: NosqlStore, req: EmulatorRequest): EmulatorResponse {
  const b = req.json<Record<string, unknown>>();
  if (typeof b.compartmentId !== 'string' || !b.compartmentId)
    throw OciErrors.missingParameter('compartmentId is required');
  if (!isOcid(b.compartmentId)) throw OciErrors.invalidParameter('compartmentId must be an OCID');
  if (typeof b.statement !== 'string' || !b.statement.trim()) throw OciErrors.missingParameter('statement is required');
  if (b.isPrepared === true)
    throw OciErrors.invalidParameter(
      'Prepared statements (isPrepared) are not supported by the local emulator; send the SQL text',
    );
  const vars = b.variables ?? {};
  if (typeof vars !== 'object' || vars === null || Array.isArray(vars))
    throw OciErrors.invalidParameter('variables must be a JSON object');
  const limitRaw = req.query('limit');
  const limit = limitRaw === undefined ? undefined : Number(limitRaw);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1))
    throw OciErrors.invalidParameter('limit must be a positive integer');

  const stmt: Statement = sql(() => parseStatement(b.statement as string));
  const t = db.resolve(stmt.table, b.compartmentId);
  const live = db.liveRows(t);
  const result = sql(() =>
    execute(stmt, {
      tableName: t.name,
      columns: t.columns.map((c) => c.name),
      rows: live.map(([, r]) => r.value),
      variables: vars as Record<string, unknown>,
    }),
  );
  if (result.kind === 'delete') {
    const rows = db.rows(t);
    const matched = new Set(result.matched);
    let n = 0;
    for (const [k, r] of live)
      if (matched.has(r.value)) {
        rows.delete(k);
        n++;
      }
    return {
      body: { items: [{ numRowsDeleted: n }], usage: { readUnitsConsumed: live.length, writeUnitsConsumed: n } },
    };
  }
  const page = sql(() =>
    paginateRows(result.items, {
      ...(limit !== undefined ? { limit } : {}),
      ...(req.query('page') ? { page: req.query('page')! } : {}),
      fingerprint: fingerprint(`${t.id}|${b.statement as string}`, vars),
    }),
  );
  return {
    headers: { 'opc-next-page': page.nextPage },
    body: { items: page.items, usage: { readUnitsConsumed: Math.max(1, live.length), writeUnitsConsumed: 0 } },
  };
}
