/**
 * From a request to its IAM checks: the permissions of its operation (permissions.ts) on the
 * target the request names: the bucket, the NoSQL table, the function, or the compartment of the
 * query/body `compartmentId` or of the resource whose OCID is in the path.
 */
import type { StateStore } from '../core/store.ts';
import type { EmulatorRequest } from '../core/types.ts';
import type { IamCheck } from './engine.ts';
import { OPERATIONS, type OperationSpec } from './operations.ts';

export interface TargetDeps {
  store: StateStore;
  tenancyId: string;
  namespace: string;
  /** the compartment of a registered function */
  functionCompartment(fnId: string): string | undefined;
}

interface WithCompartment {
  compartmentId?: unknown;
}

function parseBody(req: EmulatorRequest): Record<string, unknown> {
  if (req.body.length === 0 || req.header('content-type')?.includes('json') === false) return {};
  try {
    const v = JSON.parse(req.body.toString('utf8')) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The compartment of any stored resource with this OCID (every provider keys its records by OCID). */
export function compartmentOfRecord(store: StateStore, id: string): string | undefined {
  for (const [service, names] of Object.entries(store.summary())) {
    for (const name of Object.keys(names)) {
      const rec = store.collection<WithCompartment>(service, name).get(id);
      if (rec && typeof rec.compartmentId === 'string') return rec.compartmentId;
    }
  }
  return undefined;
}

function bucketTarget(
  deps: TargetDeps,
  namespace: string | undefined,
  bucket: string | undefined,
): Pick<IamCheck, 'compartmentId' | 'vars'> {
  if (!bucket) return {};
  const rec = deps.store
    .collection<{ namespace: string; name: string; compartmentId: string }>('objectstorage', 'buckets')
    .values()
    .find((b) => b.name === bucket && (!namespace || b.namespace === namespace));
  return { ...(rec ? { compartmentId: rec.compartmentId } : {}), vars: { 'target.bucket.name': bucket } };
}

/** The table a NoSQL Query statement reads or deletes from. */
export function queryTable(statement: string): { table?: string; isDelete: boolean } {
  const s = statement.replace(/^\s*declare\b[\s\S]*?;/i, '');
  const m = /\bfrom\s+([A-Za-z][A-Za-z0-9_.]*)/i.exec(s);
  return { ...(m ? { table: m[1]! } : {}), isDelete: /^\s*delete\b/i.test(s) };
}

/** The compartment of the target; `absent` when the request names a resource that does not exist. */
function compartmentTarget(
  req: EmulatorRequest,
  deps: TargetDeps,
  b: Record<string, unknown>,
): string | undefined | 'absent' {
  const q = req.query('compartmentId');
  if (q) return q;
  if (typeof b.compartmentId === 'string') return b.compartmentId;
  const ocids = Object.values(req.params).filter((v) => v.startsWith('ocid1.'));
  for (const v of ocids) {
    if (v === deps.tenancyId) return v;
    const c = compartmentOfRecord(deps.store, v);
    if (c) return c;
  }
  return ocids.length ? 'absent' : undefined;
}

export function operationSpec(service: string, operation: string): OperationSpec | undefined {
  return OPERATIONS[`${service}:${operation}`];
}

/**
 * The checks of a request, or undefined when the operation is not in the table. A request naming a
 * resource that does not exist gets no checks: the provider answers its 404 (OCI's answer to
 * "absent" and "not allowed" is the same 404, so nothing is revealed and nothing is logged as a
 * missing permission that no grant could have fixed).
 */
export function checksFor(req: EmulatorRequest, deps: TargetDeps, routeSpec?: OperationSpec): IamCheck[] | undefined {
  const spec = operationSpec(req.service, req.operation) ?? routeSpec;
  if (!spec) return undefined;
  // parsed only for the operations whose target is in the body (not for a 6 MB function invoke)
  const needsBody =
    spec.target === 'compartment' ||
    spec.target === 'table' ||
    !!spec.also ||
    req.operation === 'CreatePreauthenticatedRequest';
  const b = needsBody && req.method !== 'GET' ? parseBody(req) : {};
  let base: Pick<IamCheck, 'compartmentId' | 'vars'> = {};
  let permissions = spec.permissions;
  switch (spec.target) {
    case 'tenancy':
      base = { compartmentId: deps.tenancyId };
      break;
    case 'bucket':
      base = bucketTarget(deps, req.params.namespaceName, req.params.bucketName);
      if (req.params.bucketName && !base.compartmentId) return [];
      break;
    case 'function': {
      const c = req.params.functionId ? deps.functionCompartment(req.params.functionId) : undefined;
      if (!c) return [];
      base = { compartmentId: c };
      break;
    }
    case 'table': {
      let table = req.params.tableNameOrId;
      if (req.operation === 'Query') {
        const q = queryTable(typeof b.statement === 'string' ? b.statement : '');
        table = q.table;
        if (q.isDelete) permissions = ['NOSQL_ROWS_DELETE'];
      }
      const c =
        req.query('compartmentId') ??
        (typeof b.compartmentId === 'string' ? b.compartmentId : undefined) ??
        (table?.startsWith('ocid1.') ? compartmentOfRecord(deps.store, table) : undefined);
      base = {
        ...(c ? { compartmentId: c } : {}),
        vars: table
          ? table.startsWith('ocid1.')
            ? { 'target.nosql-table.id': table }
            : { 'target.nosql-table.name': table }
          : {},
      };
      break;
    }
    case 'compartment': {
      const c = compartmentTarget(req, deps, b);
      if (c === 'absent') return [];
      base = c ? { compartmentId: c } : {};
      break;
    }
  }
  const checks: IamCheck[] = permissions.map((permission) => ({ permission, ...base }));

  if (req.service === 'objectstorage' && req.operation === 'CreatePreauthenticatedRequest') {
    // the creator must hold what the PAR hands out
    const access = String(b.accessType ?? '');
    const extra =
      access === 'ObjectRead' || access === 'AnyObjectRead'
        ? ['OBJECT_READ']
        : access === 'ObjectWrite' || access === 'AnyObjectWrite'
          ? ['OBJECT_CREATE']
          : access === 'ObjectReadWrite' || access === 'AnyObjectReadWrite'
            ? ['OBJECT_READ', 'OBJECT_CREATE']
            : [];
    for (const permission of extra) checks.push({ permission, ...base });
  }
  if (req.service === 'compute' && req.operation === 'CreateImage' && typeof b.instanceId === 'string') {
    const c = compartmentOfRecord(deps.store, b.instanceId);
    checks.push({ permission: 'INSTANCE_CREATE_IMAGE', ...(c ? { compartmentId: c } : {}) });
  }
  if (spec.also?.target === 'exportBucket') {
    let bucket = typeof b.bucketName === 'string' ? b.bucketName : undefined;
    let ns = typeof b.namespaceName === 'string' ? b.namespaceName : undefined;
    if (!bucket && typeof b.destinationUri === 'string') {
      const m = /\/n\/([^/]+)\/b\/([^/]+)\/o\//.exec(b.destinationUri);
      if (m) [ns, bucket] = [decodeURIComponent(m[1]!), decodeURIComponent(m[2]!)];
      // a PAR URI carries its own authority: no bucket permission is checked
      if (/\/p\/[^/]+\/n\//.test(b.destinationUri)) bucket = undefined;
    }
    if (bucket)
      for (const permission of spec.also.permissions) checks.push({ permission, ...bucketTarget(deps, ns, bucket) });
  }
  return checks;
}
