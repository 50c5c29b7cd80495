/**
 * The exports function's NoSQL table, as the local stack (`TABLES`, picked up by
 * infra/local/stack/resources.ts) and the deployment create it. One row per job: searchable
 * columns plus the whole job as JSON in `data`.
 */
import { tableDdl, type TableDef } from '#shared/persistence/port.ts';

export const EXPORT_JOBS_TABLE = {
  name: 'export_jobs',
  columns: {
    id: 'STRING', state: 'STRING', instanceId: 'STRING', imageId: 'STRING', bucket: 'STRING', objectName: 'STRING',
    needsWork: 'BOOLEAN', updatedAt: 'LONG', data: 'JSON',
  },
  primaryKey: ['id'],
} as const satisfies TableDef;

const LIMITS = { maxReadUnits: 50, maxWriteUnits: 50, maxStorageInGBs: 1 };

export const TABLES = [{ name: EXPORT_JOBS_TABLE.name, ddlStatement: tableDdl(EXPORT_JOBS_TABLE, EXPORT_JOBS_TABLE.name), tableLimits: LIMITS }];
