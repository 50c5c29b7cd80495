/**
 * Metrics: one grouped SummarizeMetricsData per (compartment, namespace, metric), never one per
 * resource or statistic. Which namespace and metric a resource has follows from its OCID type.
 */
import type { MetricName, MetricPoint, MetricsPort } from './ports.ts';
import { ocidType } from '#shared/ocid.ts';
import { badInput } from '#shared/validate.ts';

interface MetricDef {
  namespace: string;
  metrics: Partial<Record<MetricName, { name: string; statistic: 'mean' | 'sum' }>>;
}

/** OCID type → Monitoring namespace and metric names (OCI's service metrics). */
export const METRIC_DEFS: Readonly<Record<string, MetricDef>> = {
  instance: {
    namespace: 'oci_computeagent',
    metrics: {
      CPU: { name: 'CpuUtilization', statistic: 'mean' },
      MEMORY: { name: 'MemoryUtilization', statistic: 'mean' },
      NETWORK_IN: { name: 'NetworksBytesIn', statistic: 'sum' },
      NETWORK_OUT: { name: 'NetworksBytesOut', statistic: 'sum' },
    },
  },
  autonomousdatabase: {
    namespace: 'oci_autonomous_database',
    metrics: {
      CPU: { name: 'CpuUtilization', statistic: 'mean' },
      MEMORY: { name: 'MemoryUtilization', statistic: 'mean' },
    },
  },
  mysqldbsystem: {
    namespace: 'oci_mysql_database',
    metrics: {
      CPU: { name: 'CPUUtilization', statistic: 'mean' },
      MEMORY: { name: 'MemoryUtilization', statistic: 'mean' },
      NETWORK_IN: { name: 'NetworkReceiveBytes', statistic: 'sum' },
      NETWORK_OUT: { name: 'NetworkTransmitBytes', statistic: 'sum' },
    },
  },
  loadbalancer: {
    namespace: 'oci_lbaas',
    metrics: {
      NETWORK_IN: { name: 'BytesReceived', statistic: 'sum' },
      NETWORK_OUT: { name: 'BytesSent', statistic: 'sum' },
    },
  },
};

/** The OCID types that have metrics (instances, autonomous databases, MySQL DB systems, load balancers). */
export const METRIC_RESOURCE_TYPES: readonly string[] = Object.keys(METRIC_DEFS);

/** Above this many resources a group query selects the whole compartment and filters here. */
export const MAX_IDS_PER_QUERY = 50;

export interface SeriesRequest {
  resources: { id: string; compartmentId: string }[];
  names: MetricName[];
  windowMs: number;
  /** `1m`, `5m`, `1h`, ... (also the MQL interval) */
  resolution: string;
  now?: Date;
}

export interface Series {
  resourceId: string;
  name: MetricName;
  metric: string;
  namespace: string;
  statistic: string;
  points: MetricPoint[];
}

/** Every series asked for, fetched with one call per group; unsupported (kind, name) pairs are skipped. */
export async function fetchSeries(port: MetricsPort, req: SeriesRequest): Promise<Series[]> {
  const end = req.now ?? new Date();
  const start = new Date(end.getTime() - req.windowMs);
  const groups = new Map<
    string,
    {
      compartmentId: string;
      namespace: string;
      name: MetricName;
      metric: string;
      statistic: 'mean' | 'sum';
      ids: string[];
    }
  >();
  for (const r of req.resources) {
    const def = METRIC_DEFS[ocidType(r.id) ?? ''];
    if (!def) continue;
    for (const name of req.names) {
      const m = def.metrics[name];
      if (!m) continue;
      const key = `${r.compartmentId}|${def.namespace}|${m.name}`;
      const g = groups.get(key) ?? {
        compartmentId: r.compartmentId,
        namespace: def.namespace,
        name,
        metric: m.name,
        statistic: m.statistic,
        ids: [],
      };
      g.ids.push(r.id);
      groups.set(key, g);
    }
  }
  const results = await Promise.all(
    [...groups.values()].map(async (g) => {
      const byId = await port.summarize({
        compartmentId: g.compartmentId,
        namespace: g.namespace,
        metric: g.metric,
        statistic: g.statistic,
        resourceIds: g.ids.length <= MAX_IDS_PER_QUERY ? g.ids : [],
        start,
        end,
        resolution: req.resolution,
        interval: req.resolution,
      });
      return g.ids.map(
        (id): Series => ({
          resourceId: id,
          name: g.name,
          metric: g.metric,
          namespace: g.namespace,
          statistic: g.statistic,
          points: byId.get(id) ?? [],
        }),
      );
    }),
  );
  return results.flat();
}

/** The MQL text of a grouped query: `Metric[interval]{resourceId =~ "a|b"}.stat()`. */
export function mqlOf(q: { metric: string; interval: string; resourceIds: string[]; statistic: string }): string {
  for (const id of q.resourceIds) if (!ocidType(id)) throw badInput('resourceIds', `not an OCID: ${id}`);
  const filter = q.resourceIds.length ? `{resourceId =~ "${q.resourceIds.join('|')}"}` : '';
  return `${q.metric}[${q.interval}]${filter}.${q.statistic}()`;
}

/** Mean of the last `n` points, or undefined without points. */
export function recentMean(points: MetricPoint[], n = 5): number | undefined {
  const tail = points.slice(-n);
  if (!tail.length) return undefined;
  return tail.reduce((s, p) => s + p.value, 0) / tail.length;
}
