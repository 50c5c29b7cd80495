/**
 * Wiring: builds each request's {@link ResourcesContext} from process-wide pieces (limiters, cache,
 * adapters factory). Independent of OCI: `deps-oci.ts` supplies the OCI adapters, tests may
 * supply others.
 */
import type { CachePort } from '#shared/cache/index.ts';
import type { SubschemaContext } from '#shared/graphql/index.ts';
import { OciCalls } from './calls.ts';
import type { ResourcesSettings } from './config.ts';
import { Inventory } from './inventory.ts';
import { ServiceLimiters } from '#shared/limit.ts';
import type { ComputePort, InventoryPort, MetricsPort, NetworkPort } from './ports.ts';
import type { ResourcesContext } from './resolvers.ts';

export interface Adapters {
  port: InventoryPort;
  metrics: MetricsPort;
  compute: ComputePort;
  network: NetworkPort;
}

export interface RuntimeOptions {
  settings: ResourcesSettings;
  cache: CachePort;
  /** the adapters for one request (cheap: clients are memoized) */
  adapters: (calls: OciCalls, tenancyId: string) => Adapters;
  /** the tenancy OCID (resolved once) */
  tenancyId: () => Promise<string>;
}

export interface ResourcesRuntime {
  createContext(base: SubschemaContext): Promise<ResourcesContext>;
  readonly limiters: ServiceLimiters;
}

export function createResourcesRuntime(o: RuntimeOptions): ResourcesRuntime {
  const limiters = new ServiceLimiters(o.settings.concurrency, o.settings.serviceCaps);
  let tenancy: Promise<string> | undefined;
  return {
    limiters,
    async createContext(base) {
      const tenancyId = await (tenancy ??= o.tenancyId().catch((e: unknown) => {
        tenancy = undefined;
        throw e;
      }));
      const calls = new OciCalls({
        limiters,
        remainingMs: () => base.call.remainingMs(),
        pageLimit: o.settings.pageLimit,
      });
      const a = o.adapters(calls, tenancyId);
      const inventory = new Inventory({
        port: a.port,
        metrics: a.metrics,
        cache: o.cache,
        log: base.log,
        transitionalTtlSeconds: o.settings.transitionalTtlSeconds,
        lookupConcurrency: o.settings.concurrency,
      });
      return {
        ...base,
        inventory,
        port: a.port,
        metrics: a.metrics,
        ops: {
          inventory,
          port: a.port,
          compute: a.compute,
          network: a.network,
          log: base.log,
          remainingMs: () => base.call.remainingMs(),
          pollMs: o.settings.pollMs,
        },
      };
    },
  };
}
