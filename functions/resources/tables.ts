/** The NoSQL table of the resources function (listed in deployment/manifest.ts `TABLES`). */
import { cacheTableDef } from '#shared/cache/index.ts';

export const CACHE_TABLE = cacheTableDef('resources_cache');
