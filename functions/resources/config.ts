/**
 * Settings of the resources function (Fn config):
 * - `RESOURCES_CACHE_TTL_SECONDS` list cache TTL, 1..600 (default 300)
 * - `RESOURCES_CACHE_TRANSITIONAL_TTL_SECONDS` TTL of a list holding something in a transitional
 *   state (STARTING, PROVISIONING, ...), 1..600 (default 10), never more than the list TTL
 * - `RESOURCES_CONCURRENCY` calls in flight per OCI service (default 8), and
 *   `RESOURCES_CONCURRENCY_<SERVICE>` per service (IDENTITY, COMPUTE, NETWORK, DATABASE, MYSQL,
 *   CONTAINERENGINE, APIGATEWAY, LOADBALANCER, MONITORING)
 * - `RESOURCES_PAGE_LIMIT` page size of list calls, 1..1000 (default 100)
 * - `RESOURCES_POLL_MS` poll interval while waiting for a state (default 1000)
 * - `TENANCY_ID` the tenancy (default: from the credentials)
 * - `NOSQL_COMPARTMENT_ID`, `TABLE_PREFIX` where the cache table lives
 */
import { ConfigError, envInt, type Env } from '#shared/config.ts';

export const SERVICES = [
  'identity',
  'compute',
  'network',
  'database',
  'mysql',
  'containerengine',
  'apigateway',
  'loadbalancer',
  'monitoring',
] as const;

export interface ResourcesSettings {
  ttlSeconds: number;
  transitionalTtlSeconds: number;
  concurrency: number;
  serviceCaps: Record<string, number>;
  pageLimit: number;
  pollMs: number;
}

function bounded(name: string, def: number, min: number, max: number, env: Env): number {
  const v = envInt(name, def, env);
  if (v < min || v > max) throw new ConfigError(name, `${name} must be from ${min} to ${max}, got ${v}`);
  return v;
}

export function resourcesSettings(env: Env = process.env): ResourcesSettings {
  const concurrency = bounded('RESOURCES_CONCURRENCY', 8, 1, 64, env);
  const serviceCaps: Record<string, number> = {};
  for (const s of SERVICES) {
    const key = `RESOURCES_CONCURRENCY_${s.toUpperCase()}`;
    if (env[key]?.trim()) serviceCaps[s] = bounded(key, concurrency, 1, 64, env);
  }
  const ttlSeconds = bounded('RESOURCES_CACHE_TTL_SECONDS', 300, 1, 600, env);
  return {
    ttlSeconds,
    transitionalTtlSeconds: Math.min(ttlSeconds, bounded('RESOURCES_CACHE_TRANSITIONAL_TTL_SECONDS', 10, 1, 600, env)),
    concurrency,
    serviceCaps,
    pageLimit: bounded('RESOURCES_PAGE_LIMIT', 100, 1, 1000, env),
    pollMs: bounded('RESOURCES_POLL_MS', 1000, 10, 30_000, env),
  };
}
