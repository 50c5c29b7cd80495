/**
 * The exports function's NoSQL table (listed in deployment/manifest.ts `TABLES`). One row per job:
 * searchable columns plus the whole job as JSON in `data`.
 */
import type { TableDef } from '#shared/persistence/port.ts';

export const EXPORT_JOBS_TABLE = {
  name: 'export_jobs',
  columns: {
    id: 'STRING',
    state: 'STRING',
    instanceId: 'STRING',
    imageId: 'STRING',
    bucket: 'STRING',
    objectName: 'STRING',
    needsWork: 'BOOLEAN',
    updatedAt: 'LONG',
    data: 'JSON',
  },
  primaryKey: ['id'],
} as const satisfies TableDef;
