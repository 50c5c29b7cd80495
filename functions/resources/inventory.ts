/**
 * The inventory: the compartment tree and each compartment's resources, read through the
 * {@link InventoryPort} and cached per (compartment, kind) in the {@link CachePort}. One instance
 * per request: concurrent reads of the same key within a request share one load.
 */
import type { CachePort } from '#shared/cache/index.ts';
import { NotFoundError } from '#shared/errors.ts';
import type { Logger } from '#shared/log.ts';
import { healthOf, wantsLoad, type RecentLoad } from './health.ts';
import { mapLimit } from '#shared/limit.ts';
import { fetchSeries, recentMean } from './metrics.ts';
import type {
  BackendSetHealthDetail,
  BackendSetHealthView,
  CompartmentRecord,
  Health,
  InventoryPort,
  ListKind,
  ListKindValue,
  MetricsPort,
  ResourceKind,
  ResourceView,
} from './ports.ts';

export interface CompartmentNode extends CompartmentRecord {
  path: string;
  depth: number;
}

/** Which list kinds make up a GraphQL kind. */
export const KIND_LISTS: Readonly<Record<ResourceKind, ListKind[]>> = {
  INSTANCE: ['instances'],
  DATABASE: ['autonomousDatabases', 'mysqlDbSystems'],
  CLUSTER: ['clusters'],
  API_GATEWAY: ['apiGateways'],
  LOAD_BALANCER: ['loadBalancers'],
};

export const cacheKey = (compartmentId: string, kind: string): string => `${compartmentId}|${kind}`;
const TREE_KIND = 'compartments';
/** Health metrics are cached for at most this long (shorter than the list TTL: they move faster). */
const LOAD_TTL_SECONDS = 60;

/**
 * Lifecycle states a resource stays in until someone acts (across instances, autonomous databases,
 * MySQL DB systems, OKE clusters and node pools, API gateways and deployments, load balancers,
 * compartments). Any other state (PROVISIONING, STARTING, STOPPING, CREATING, UPDATING, DELETING,
 * ..., or one this list does not know) is on its way somewhere else.
 */
const STEADY_STATES: ReadonlySet<string> = new Set([
  'RUNNING',
  'STOPPED',
  'ACTIVE',
  'AVAILABLE',
  'TERMINATED',
  'DELETED',
  'INACTIVE',
  'FAILED',
  'UNAVAILABLE',
  'RESTORE_FAILED',
  'AVAILABLE_NEEDS_ATTENTION',
  'INACCESSIBLE',
  'STANDBY',
  'NEEDS_ATTENTION',
]);
export const isSteadyState = (state: string): boolean => STEADY_STATES.has(state);

/** Whether a list holds anything in a transitional state (the item itself, its node pools or deployments). */
export function inTransition(items: readonly unknown[]): boolean {
  return items.some((x) => {
    const r = x as {
      lifecycleState?: unknown;
      nodePools?: { lifecycleState: string }[];
      deployments?: { lifecycleState: string }[];
    };
    return (
      (typeof r.lifecycleState === 'string' && !isSteadyState(r.lifecycleState)) ||
      (r.nodePools ?? []).some((n) => !isSteadyState(n.lifecycleState)) ||
      (r.deployments ?? []).some((n) => !isSteadyState(n.lifecycleState))
    );
  });
}

export interface InventoryDeps {
  port: InventoryPort;
  metrics: MetricsPort;
  cache: CachePort;
  log: Logger;
  /**
   * TTL of a list that holds something in a transitional state (STARTING, PROVISIONING, ...), so the
   * next reads see where it settled; capped by the cache's TTL @default 10
   */
  transitionalTtlSeconds?: number;
  /** resource → compartment lookups in flight at once (metrics) @default 8 */
  lookupConcurrency?: number;
}

export class Inventory {
  private readonly inflight = new Map<string, Promise<unknown>>();
  /** resource id → compartment, from the lists this request has read */
  private readonly listed = new Map<string, string>();
  private loadBatch: { items: ResourceView[]; promise: Promise<Map<string, RecentLoad>> } | undefined;
  constructor(private readonly d: InventoryDeps) {}

  get tenancyId(): string {
    return this.d.port.tenancyId;
  }

  /** The TTL of a list: short while anything in it is in transition, else the cache's default. */
  private readonly listTtl = (items: readonly unknown[]): number | undefined =>
    inTransition(items) ? (this.d.transitionalTtlSeconds ?? 10) : undefined;

  /**
   * Read-through: cache hit unless `fresh`; the load's result is stored (a cache failure is logged,
   * never fatal) for `ttlSeconds` (or what it answers for the value), at most the cache's TTL.
   */
  private cached<T>(
    key: string,
    fresh: boolean,
    load: () => Promise<T>,
    ttlSeconds?: number | ((value: T) => number | undefined),
  ): Promise<T> {
    const memoKey = `${fresh ? 'fresh' : 'any'}:${key}`;
    const prior = this.inflight.get(memoKey) ?? (fresh ? undefined : this.inflight.get(`fresh:${key}`));
    if (prior) return prior as Promise<T>;
    const p = (async () => {
      if (!fresh) {
        const hit = await this.d.cache.get<T>(key).catch((e: unknown) => {
          this.d.log.warn('cache read failed', { key, error: String(e) });
          return undefined;
        });
        if (hit) return hit.value;
      }
      const value = await load();
      const ttl = typeof ttlSeconds === 'function' ? ttlSeconds(value) : ttlSeconds;
      await this.d.cache
        .set(key, value, ttl ? { ttlSeconds: Math.min(ttl, this.d.cache.ttlSeconds) } : {})
        .catch((e: unknown) => this.d.log.warn('cache write failed', { key, error: String(e) }));
      return value;
    })();
    this.inflight.set(memoKey, p);
    return p;
  }

  /** Every compartment of the tenancy (root first), with readable paths. */
  async tree(fresh = false): Promise<CompartmentNode[]> {
    const records = await this.cached(
      cacheKey(this.tenancyId, TREE_KIND),
      fresh,
      async () => {
        const [root, all] = await Promise.all([
          this.d.port.getCompartment(this.tenancyId),
          this.d.port.listCompartments({ parentId: this.tenancyId, subtree: true }),
        ]);
        return [{ ...root, parentId: null }, ...all.filter((c) => c.lifecycleState !== 'DELETED')];
      },
      this.listTtl,
    );
    const byId = new Map(records.map((c) => [c.id, c]));
    const memo = new Map<string, { path: string; depth: number }>();
    const place = (c: CompartmentRecord, guard = 0): { path: string; depth: number } => {
      const known = memo.get(c.id);
      if (known) return known;
      const parent = c.parentId ? byId.get(c.parentId) : undefined;
      const up = parent && parent.id !== c.id && guard < 20 ? place(parent, guard + 1) : undefined;
      const v = up ? { path: `${up.path}/${c.name}`, depth: up.depth + 1 } : { path: c.name, depth: 0 };
      memo.set(c.id, v);
      return v;
    };
    return records.map((c) => ({ ...c, ...place(c) })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** `rootId` and (all or direct) descendants; NOT_FOUND for an unknown root. */
  async compartments(args: {
    rootId?: string;
    includeSubtree: boolean;
    name?: string;
    fresh?: boolean;
  }): Promise<CompartmentNode[]> {
    const tree = await this.tree(args.fresh ?? false);
    const rootId = args.rootId ?? this.tenancyId;
    const root = tree.find((c) => c.id === rootId);
    if (!root) throw new NotFoundError(`compartment ${rootId} not found`, { details: { compartmentId: rootId } });
    const out = tree.filter(
      (c) =>
        c.id === root.id ||
        (args.includeSubtree
          ? c.path.startsWith(`${root.path}/`) && this.isUnder(tree, c, root.id)
          : c.parentId === root.id),
    );
    const needle = args.name?.toLowerCase();
    return needle ? out.filter((c) => c.name.toLowerCase().includes(needle)) : out;
  }

  private isUnder(tree: CompartmentNode[], c: CompartmentNode, rootId: string): boolean {
    const byId = new Map(tree.map((t) => [t.id, t]));
    for (
      let cur: CompartmentNode | undefined = c, i = 0;
      cur && i < 20;
      cur = cur.parentId ? byId.get(cur.parentId) : undefined, i++
    ) {
      if (cur.id === rootId) return true;
    }
    return false;
  }

  /** One list kind of one compartment, fully paginated (cached). */
  list<K extends ListKind>(kind: K, compartmentId: string, fresh = false): Promise<ListKindValue[K][]> {
    const p = this.cached(
      cacheKey(compartmentId, kind),
      fresh,
      () => this.d.port.list(kind, compartmentId),
      this.listTtl,
    );
    return p.then((items) => {
      for (const x of items) this.listed.set(x.id, x.compartmentId);
      return items;
    });
  }

  /** The resources of GraphQL kinds `kinds` in the given compartments, all lists in parallel. */
  async resources(
    compartmentIds: string[],
    kinds: readonly ResourceKind[],
    fresh = false,
  ): Promise<Map<ResourceKind, ResourceView[]>> {
    const out = new Map<ResourceKind, ResourceView[]>();
    await Promise.all(
      kinds.map(async (k) => {
        const lists = await Promise.all(
          compartmentIds.flatMap((c) => KIND_LISTS[k].map((l) => this.list(l, c, fresh))),
        );
        out.set(k, lists.flat() as ResourceView[]);
      }),
    );
    return out;
  }

  /** The compartment of a resource (cached: resources do not move often, and a move only misplaces a metrics query). */
  compartmentOf(resourceId: string): Promise<string> {
    const known = this.listed.get(resourceId);
    if (known) return Promise.resolve(known);
    return this.cached(`${resourceId}|compartment`, false, () => this.d.port.compartmentOf(resourceId));
  }

  /**
   * The compartments of `ids`: from the lists this request already read, else from the cache, else one
   * read per resource, at most `lookupConcurrency` at once.
   */
  async compartmentsOf(ids: readonly string[]): Promise<Map<string, string>> {
    const found = await mapLimit(ids, this.d.lookupConcurrency ?? 8, (id) => this.compartmentOf(id));
    return new Map(ids.map((id, i) => [id, found[i]!]));
  }

  /**
   * Per-backend health of a backend set: from the list when it has it (an OK set: all lists empty),
   * else one GetBackendSetHealth, shared by every field of the request that asks.
   */
  backendDetail(h: BackendSetHealthView): Promise<BackendSetHealthDetail> {
    if (h.criticalBackends && h.warningBackends && h.unknownBackends) {
      return Promise.resolve({
        status: h.status,
        totalBackendCount: h.totalBackendCount,
        criticalBackends: h.criticalBackends,
        warningBackends: h.warningBackends,
        unknownBackends: h.unknownBackends,
      });
    }
    const { loadBalancerId, backendSetName } = h;
    if (!loadBalancerId || !backendSetName)
      return Promise.resolve({
        status: h.status,
        totalBackendCount: h.totalBackendCount,
        criticalBackends: [],
        warningBackends: [],
        unknownBackends: [],
      });
    const key = `detail:${loadBalancerId}|${backendSetName}`;
    let p = this.inflight.get(key) as Promise<BackendSetHealthDetail> | undefined;
    if (!p) {
      p = this.d.port.backendSetHealth(loadBalancerId, backendSetName).then(
        (d) =>
          d ?? {
            status: h.status,
            totalBackendCount: h.totalBackendCount,
            criticalBackends: [],
            warningBackends: [],
            unknownBackends: [],
          },
      );
      this.inflight.set(key, p);
    }
    return p;
  }

  /** Forget cached lists a mutation changed. */
  async invalidate(compartmentId: string, kinds: readonly (ListKind | typeof TREE_KIND)[]): Promise<void> {
    await Promise.all(
      kinds.map((k) =>
        this.d.cache
          .delete(cacheKey(compartmentId, k))
          .catch((e: unknown) =>
            this.d.log.warn('cache invalidation failed', { compartmentId, kind: k, error: String(e) }),
          ),
      ),
    );
  }

  /**
   * Health of `r`. Running instances/databases also need recent CPU/memory: every resource asking
   * within the same tick joins one batch, fetched with one query per (compartment, metric) and
   * cached per compartment for a minute.
   */
  async health(r: ResourceView, fresh = false): Promise<Health> {
    if (!wantsLoad(r)) return healthOf(r);
    try {
      return healthOf(r, (await this.loadOf(r, fresh)).get(r.id));
    } catch (e: unknown) {
      this.d.log.warn('health metrics unavailable', { resourceId: r.id, error: String(e) });
      return { ...healthOf(r), reason: `${healthOf(r).reason}; metrics unavailable` };
    }
  }

  private loadOf(r: ResourceView, fresh: boolean): Promise<Map<string, RecentLoad>> {
    if (!this.loadBatch) {
      const batch = { items: [] as ResourceView[], promise: undefined as unknown as Promise<Map<string, RecentLoad>> };
      batch.promise = new Promise((resolve) => setImmediate(resolve)).then(() => {
        this.loadBatch = undefined;
        return this.fetchLoad(batch.items, fresh);
      });
      this.loadBatch = batch;
    }
    this.loadBatch.items.push(r);
    return this.loadBatch.promise;
  }

  private async fetchLoad(items: ResourceView[], fresh: boolean): Promise<Map<string, RecentLoad>> {
    const byCompartment = new Map<string, ResourceView[]>();
    for (const r of items) byCompartment.set(r.compartmentId, [...(byCompartment.get(r.compartmentId) ?? []), r]);
    const out = new Map<string, RecentLoad>();
    await Promise.all(
      [...byCompartment].map(async ([compartmentId, rs]) => {
        const loads = await this.cached(
          cacheKey(compartmentId, 'load'),
          fresh,
          async () => {
            // every running instance/database of the compartment, so the cached entry serves the next query too
            const [inst, adb, mysql] = await Promise.all([
              this.list('instances', compartmentId),
              this.list('autonomousDatabases', compartmentId),
              this.list('mysqlDbSystems', compartmentId),
            ]);
            const all = [...inst, ...adb, ...mysql]
              .filter((x) => wantsLoad(x))
              .map((x) => ({ id: x.id, compartmentId }));
            const series = await fetchSeries(this.d.metrics, {
              resources: all,
              names: ['CPU', 'MEMORY'],
              windowMs: 15 * 60_000,
              resolution: '1m',
            });
            const m: Record<string, RecentLoad> = {};
            for (const s of series) {
              const v = recentMean(s.points);
              if (v === undefined) continue;
              (m[s.resourceId] ??= {})[s.name === 'CPU' ? 'cpu' : 'memory'] = v;
            }
            return m;
          },
          LOAD_TTL_SECONDS,
        );
        for (const r of rs) if (loads[r.id]) out.set(r.id, loads[r.id]!);
      }),
    );
    return out;
  }
}
