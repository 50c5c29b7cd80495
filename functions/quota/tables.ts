/**
 * The NoSQL tables of the quota domain (shared by the quota and presign functions), as the local
 * stack and the deployment create them. Declared once, here.
 */
import { tableDdl } from '#shared/persistence/port.ts';
import { QUOTA_TABLES } from '#shared/quota/tables.ts';

const LIMITS = { maxReadUnits: 50, maxWriteUnits: 50, maxStorageInGBs: 1 };

export const TABLES = Object.values(QUOTA_TABLES).map((def) => ({
  name: def.name,
  ddlStatement: tableDdl(def, def.name),
  tableLimits: LIMITS,
}));
