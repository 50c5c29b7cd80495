/** Table operations: CreateTable, GetTable, ListTables, UpdateTable, DeleteTable, GetWorkRequest. */
import { OciErrors, OciServiceError } from '../../core/errors.ts';
import { isOcid, newEtag, newOcid } from '../../core/ids.ts';
import type { EmulatorRequest, EmulatorResponse, ProviderContext } from '../../core/types.ts';
import { paginateRows, fingerprint, SqlError } from './sql/index.ts';
import { DdlError, parseDdl, typeName, type Ttl } from './ddl.ts';
import { NosqlStore, type TableLimits, type TableRecord, type TableWorkRequestRecord } from './store.ts';

const NAME_RE = /^[A-Za-z][A-Za-z0-9_]{0,255}$/;

export function tableView(t: TableRecord) {
  return {
    ...summaryView(t),
    schema: {
      columns: t.columns.map((c) => ({
        name: c.name,
        type: typeName(c),
        isNullable: c.nullable,
        ...(c.defaultValue !== undefined ? { defaultValue: String(c.defaultValue) } : {}),
        isAsUuid: false,
        isGenerated: false,
      })),
      primaryKey: t.primaryKey,
      shardKey: t.shardKey,
      ttl: ttlDays(t.ttl),
    },
    ddlStatement: t.ddlStatement,
    isMultiRegion: false,
    replicas: [],
  };
}

function summaryView(t: TableRecord) {
  return {
    id: t.id,
    name: t.name,
    compartmentId: t.compartmentId,
    timeCreated: t.timeCreated,
    timeUpdated: t.timeUpdated,
    tableLimits: t.tableLimits,
    lifecycleState: 'ACTIVE',
    isAutoReclaimable: false,
    schemaState: 'MUTABLE',
    isMultiRegion: false,
    freeformTags: t.freeformTags,
    definedTags: t.definedTags,
    systemTags: {},
  };
}

/** The schema's `ttl` is in days; an HOURS TTL shows as a fraction. */
function ttlDays(ttl: Ttl | undefined): number {
  if (!ttl) return 0;
  return ttl.unit === 'DAYS' ? ttl.value : ttl.value / 24;
}

function parseLimits(v: unknown): TableLimits {
  if (v === undefined || v === null) throw OciErrors.missingParameter('tableLimits is required');
  const l = v as Record<string, unknown>;
  const mode = l.capacityMode ?? 'PROVISIONED';
  if (mode !== 'PROVISIONED' && mode !== 'ON_DEMAND')
    throw OciErrors.invalidParameter('tableLimits.capacityMode must be PROVISIONED or ON_DEMAND');
  for (const k of ['maxReadUnits', 'maxWriteUnits', 'maxStorageInGBs'] as const) {
    const n = l[k];
    if (mode === 'ON_DEMAND' && k !== 'maxStorageInGBs' && (n === undefined || n === 0)) continue;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1)
      throw OciErrors.invalidParameter(`tableLimits.${k} must be a positive integer`);
  }
  return {
    maxReadUnits: Number(l.maxReadUnits ?? 0),
    maxWriteUnits: Number(l.maxWriteUnits ?? 0),
    maxStorageInGBs: Number(l.maxStorageInGBs),
    capacityMode: mode,
  };
}

function ddlOrThrow(ddl: unknown) {
  if (typeof ddl !== 'string') throw OciErrors.missingParameter('ddlStatement is required');
  try {
    return parseDdl(ddl);
  } catch (e) {
    if (e instanceof DdlError) throw OciErrors.invalidParameter(e.message);
    throw e;
  }
}

export class TableOps {
  constructor(
    private readonly ctx: ProviderContext,
    private readonly db: NosqlStore,
  ) {}

  private workRequest(
    t: TableRecord,
    op: TableWorkRequestRecord['operationType'],
    action: TableWorkRequestRecord['actionType'],
  ): string {
    const id = newOcid('nosqltableworkrequest');
    this.db.workRequests.put(id, {
      id,
      operationType: op,
      compartmentId: t.compartmentId,
      tableId: t.id,
      tableName: t.name,
      actionType: action,
      time: new Date(this.ctx.now()).toISOString(),
    });
    return id;
  }

  create(req: EmulatorRequest): EmulatorResponse {
    const b = req.json<Record<string, unknown>>();
    if (typeof b.name !== 'string' || !b.name) throw OciErrors.missingParameter('name is required');
    if (!NAME_RE.test(b.name))
      throw OciErrors.invalidParameter(
        'name must start with a letter and hold only letters, digits and _ (at most 256)',
      );
    if (typeof b.compartmentId !== 'string' || !isOcid(b.compartmentId))
      throw OciErrors.invalidParameter('compartmentId must be an OCID');
    const ddl = ddlOrThrow(b.ddlStatement);
    if (ddl.kind !== 'create') throw OciErrors.invalidParameter('CreateTable needs a CREATE TABLE statement');
    if (ddl.name.toLowerCase() !== b.name.toLowerCase())
      throw OciErrors.invalidParameter(`name ${b.name} does not match the table in ddlStatement (${ddl.name})`);
    const limits = parseLimits(b.tableLimits);
    const key = NosqlStore.tableKey(b.compartmentId, b.name);
    const existing = this.db.tables.get(key);
    if (existing) {
      if (!ddl.ifNotExists) throw new OciServiceError(409, 'TableAlreadyExists', `Table ${b.name} already exists`);
      return { status: 202, headers: { 'opc-work-request-id': this.workRequest(existing, 'CREATE_TABLE', 'CREATED') } };
    }
    const now = new Date(this.ctx.now()).toISOString();
    const t: TableRecord = {
      id: newOcid('nosqltable'),
      name: b.name,
      compartmentId: b.compartmentId,
      ddlStatement: b.ddlStatement as string,
      columns: ddl.columns,
      primaryKey: ddl.primaryKey,
      shardKey: ddl.shardKey,
      ...(ddl.ttl ? { ttl: ddl.ttl } : {}),
      tableLimits: limits,
      timeCreated: now,
      timeUpdated: now,
      etag: newEtag(),
      freeformTags: (b.freeformTags as Record<string, string>) ?? {},
      definedTags: (b.definedTags as Record<string, Record<string, unknown>>) ?? {},
    };
    this.db.tables.put(key, t);
    return { status: 202, headers: { 'opc-work-request-id': this.workRequest(t, 'CREATE_TABLE', 'CREATED') } };
  }

  get(req: EmulatorRequest): EmulatorResponse {
    const t = this.db.resolve(req.params.tableNameOrId!, req.query('compartmentId'));
    return { headers: { etag: t.etag }, body: tableView(t) };
  }

  list(req: EmulatorRequest): EmulatorResponse {
    const compartmentId = req.query('compartmentId');
    if (!compartmentId) throw OciErrors.missingParameter('compartmentId is required');
    if (!isOcid(compartmentId)) throw OciErrors.invalidParameter('compartmentId must be an OCID');
    const glob = req.query('name');
    const re = glob
      ? new RegExp(
          `^${glob
            .replace(/[.+^${}()|\\]/g, '\\$&')
            .replace(/\*/g, '.*')
            .replace(/\?/g, '.')}$`,
          'i',
        )
      : undefined;
    const state = req.query('lifecycleState');
    const sortBy = req.query('sortBy') ?? 'timeCreated';
    if (sortBy !== 'timeCreated' && sortBy !== 'name')
      throw OciErrors.invalidParameter('sortBy must be timeCreated or name');
    const order = req.query('sortOrder') ?? (sortBy === 'name' ? 'ASC' : 'DESC');
    if (order !== 'ASC' && order !== 'DESC') throw OciErrors.invalidParameter('sortOrder must be ASC or DESC');
    const items = this.db.tables
      .values()
      .filter(
        (t) =>
          t.compartmentId === compartmentId &&
          (!re || re.test(t.name)) &&
          (!state || state === 'ALL' || state === 'ACTIVE'),
      )
      .sort((a, b) => {
        const c =
          sortBy === 'name'
            ? a.name.localeCompare(b.name)
            : a.timeCreated.localeCompare(b.timeCreated) || a.id.localeCompare(b.id);
        return order === 'ASC' ? c : -c;
      })
      .map(summaryView);
    const limitRaw = req.query('limit');
    const limit = limitRaw === undefined ? undefined : Number(limitRaw);
    try {
      const page = paginateRows(items, {
        ...(limit !== undefined ? { limit } : {}),
        ...(req.query('page') ? { page: req.query('page')! } : {}),
        fingerprint: fingerprint(`tables|${compartmentId}|${glob ?? ''}|${state ?? ''}|${sortBy}|${order}`, null),
      });
      return { headers: { 'opc-next-page': page.nextPage }, body: { items: page.items } };
    } catch (e) {
      if (e instanceof SqlError) throw OciErrors.invalidParameter(e.message);
      throw e;
    }
  }

  update(req: EmulatorRequest): EmulatorResponse {
    const b = req.json<Record<string, unknown>>();
    const t = this.db.resolve(
      req.params.tableNameOrId!,
      (b.compartmentId as string | undefined) ?? req.query('compartmentId'),
    );
    const ifMatch = req.header('if-match');
    if (ifMatch && ifMatch !== t.etag) throw OciErrors.noEtagMatch('The table etag does not match if-match');
    const next: TableRecord = { ...t, etag: newEtag(), timeUpdated: new Date(this.ctx.now()).toISOString() };
    let changed = false;
    if (b.ddlStatement !== undefined) {
      const ddl = ddlOrThrow(b.ddlStatement);
      if (ddl.kind !== 'alterTtl')
        throw OciErrors.notImplemented('nosql UpdateTable with a DDL other than ALTER TABLE ... USING TTL');
      if (ddl.name.toLowerCase() !== t.name.toLowerCase())
        throw OciErrors.invalidParameter(`the DDL names table ${ddl.name}, not ${t.name}`);
      if (ddl.ttl.value === 0) delete next.ttl;
      else next.ttl = ddl.ttl;
      next.ddlStatement =
        t.ddlStatement.replace(/\s+USING\s+TTL\s+\d+\s+(DAYS|HOURS)\s*;?\s*$/i, '') +
        (ddl.ttl.value ? ` USING TTL ${ddl.ttl.value} ${ddl.ttl.unit}` : '');
      changed = true;
    }
    if (b.tableLimits !== undefined) {
      next.tableLimits = parseLimits(b.tableLimits);
      changed = true;
    }
    if (b.freeformTags !== undefined) {
      next.freeformTags = b.freeformTags as Record<string, string>;
      changed = true;
    }
    if (b.definedTags !== undefined) {
      next.definedTags = b.definedTags as Record<string, Record<string, unknown>>;
      changed = true;
    }
    if (!changed) throw OciErrors.invalidParameter('UpdateTable needs ddlStatement, tableLimits or tags');
    this.db.tables.put(NosqlStore.tableKey(t.compartmentId, t.name), next);
    return { status: 202, headers: { 'opc-work-request-id': this.workRequest(next, 'UPDATE_TABLE', 'UPDATED') } };
  }

  delete(req: EmulatorRequest): EmulatorResponse {
    let t: TableRecord;
    try {
      t = this.db.resolve(req.params.tableNameOrId!, req.query('compartmentId'));
    } catch (e) {
      if (req.query('isIfExists') === 'true' && (e as { status?: number }).status === 404) return { status: 202 };
      throw e;
    }
    const ifMatch = req.header('if-match');
    if (ifMatch && ifMatch !== t.etag) throw OciErrors.noEtagMatch('The table etag does not match if-match');
    this.db.dropTable(t);
    return { status: 202, headers: { 'opc-work-request-id': this.workRequest(t, 'DELETE_TABLE', 'DELETED') } };
  }

  getWorkRequest(req: EmulatorRequest): EmulatorResponse {
    const w = this.db.workRequests.get(req.params.workRequestId!);
    if (!w) throw OciErrors.notAuthorizedOrNotFound(`Work request ${req.params.workRequestId} not found`);
    return {
      body: {
        operationType: w.operationType,
        status: 'SUCCEEDED',
        id: w.id,
        compartmentId: w.compartmentId,
        resources: [
          {
            entityType: 'TABLE',
            actionType: w.actionType,
            identifier: w.tableId,
            entityUri: `/20190828/tables/${w.tableId}`,
          },
        ],
        percentComplete: 100,
        timeAccepted: w.time,
        timeStarted: w.time,
        timeFinished: w.time,
      },
    };
  }
}
