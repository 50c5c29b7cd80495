/** The NoSQL table of the resources function (picked up by the local stack and the deployment). */
import { cacheTableDef } from '#shared/cache/index.ts';
import { tableDdl } from '#shared/persistence/port.ts';

export const CACHE_TABLE = cacheTableDef('resources_cache');

export const TABLES = [{ name: CACHE_TABLE.name, ddlStatement: tableDdl(CACHE_TABLE, CACHE_TABLE.name), tableLimits: { maxReadUnits: 50, maxWriteUnits: 50, maxStorageInGBs: 1 } }];
