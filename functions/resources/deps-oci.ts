/** The OCI wiring of the resources function: NoSQL cache table, OCI adapters, tenancy from config or credentials. */
import { createAuthProvider, defaultCompartmentId } from '#shared/auth/index.ts';
import { createKvCache, type CacheRow } from '#shared/cache/index.ts';
import { ConfigError, envOptional, envString, type Env } from '#shared/config.ts';
import { OciNosqlTable } from '#shared/persistence/nosql-oci.ts';
import { resourcesSettings } from './config.ts';
import { createOciCompute } from './compute-oci.ts';
import { createOciInventory } from './inventory-oci.ts';
import { createOciMetrics } from './metrics-oci.ts';
import { createOciNetwork } from './network-oci.ts';
import { createResourcesRuntime, type ResourcesRuntime } from './runtime.ts';
import { CACHE_TABLE } from './tables.ts';

export function fromEnv(env: Env = process.env): ResourcesRuntime {
  const settings = resourcesSettings(env);
  const table = new OciNosqlTable<CacheRow>(CACHE_TABLE, {
    compartmentId: envString('NOSQL_COMPARTMENT_ID', undefined, env),
    tablePrefix: envOptional('TABLE_PREFIX', env) ?? '',
  });
  return createResourcesRuntime({
    settings,
    cache: createKvCache({ table, ttlSeconds: settings.ttlSeconds }),
    adapters: (calls, tenancyId) => {
      const port = createOciInventory(calls, { tenancyId });
      return {
        port,
        metrics: createOciMetrics(calls),
        compute: createOciCompute(calls, port),
        network: createOciNetwork(calls),
      };
    },
    async tenancyId() {
      const configured = envOptional('TENANCY_ID', env);
      if (configured) return configured;
      const provider = createAuthProvider({ env });
      const id = provider.getTenantId() ?? (await defaultCompartmentId(provider));
      if (!id) throw new ConfigError('TENANCY_ID', 'TENANCY_ID is not set and the credentials do not name a tenancy');
      return id;
    },
  });
}
