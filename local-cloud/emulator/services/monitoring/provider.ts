/**
 * Monitoring (MonitoringClient, `/20180401`): SummarizeMetricsData over deterministic synthetic
 * series for the resources the other providers hold (namespaces oci_computeagent,
 * oci_autonomous_database, oci_mysql_database, oci_lbaas, oci_apigateway, oci_oke; sources.ts).
 * Every other MonitoringClient operation (alarms, PostMetricData, ListMetrics, ...) answers 501.
 *
 * Semantics: one raw sample per resource per minute; each datapoint at time T aggregates the raw
 * samples in (T - interval, T]; timestamps step by `resolution` (default 1m, must be ≤ interval)
 * aligned to it over startTime..endTime (default the last hour). The MQL subset is in mql.ts.
 *
 * Limitations against OCI: only resources that are live *now* emit (a STOPPED instance has no
 * series, even for the hours it ran); `rate()` is the window's sum per second; `resourceGroup`
 * is echoed but matches nothing else; at most 100,000 datapoints per answer (400 LimitExceeded);
 * an unknown namespace or metric answers an empty list, as OCI does.
 */
import { OciErrors } from '../../core/errors.ts';
import type { Provider, ProviderContext, Route } from '../../core/types.ts';
import { surfaceOf } from '../resource-kit/catalog.ts';
import { optionalStr, str } from '../resource-kit/validate.ts';
import { requireCompartment, scopeOf } from '../identity-compartments/store.ts';
import { aggregate, parseDuration, parseQuery } from './mql.ts';
import { emittersOf, profileOf, sample, type Emitter } from './sources.ts';

const MAX_POINTS = 100_000;
const MINUTE = 60_000;

function time(value: unknown, name: string, def: number): number {
  if (value === undefined || value === null) return def;
  const t = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(t)) throw OciErrors.invalidParameter(`${name} must be an RFC 3339 timestamp`);
  return t;
}

export function monitoringProvider(ctx: ProviderContext): Provider {
  const routes: Route[] = [
    {
      method: 'POST',
      path: '/20180401/metrics/actions/summarizeMetricsData',
      operation: 'SummarizeMetricsData',
      handler: (req) => {
        const compartmentId = requireCompartment(ctx, req.query('compartmentId'));
        const subtree = req.query('compartmentIdInSubtree');
        if (subtree !== undefined && subtree !== 'true' && subtree !== 'false')
          throw OciErrors.invalidParameter('compartmentIdInSubtree must be true or false');
        const b = req.json();
        const namespace = str(b.namespace, 'namespace', { pattern: /^[a-z][a-z0-9_]*$/ });
        const resourceGroup = optionalStr(b.resourceGroup, 'resourceGroup');
        const q = parseQuery(str(b.query, 'query', { max: 8000 }));
        const resolutionMs = b.resolution === undefined ? MINUTE : parseDuration(String(b.resolution), 'resolution');
        if (resolutionMs > q.intervalMs)
          throw OciErrors.invalidParameter(`resolution ${String(b.resolution)} must not exceed the query interval`);
        const end = time(b.endTime, 'endTime', ctx.now());
        const start = time(b.startTime, 'startTime', end - 3_600_000);
        if (start >= end) throw OciErrors.invalidParameter('startTime must be before endTime');
        if (end - start > 90 * 86_400_000) throw OciErrors.invalidParameter('The time range must be at most 90 days');
        const profile = profileOf(namespace, q.metric);
        if (!profile || resourceGroup) return { body: [] };
        const emitters = emittersOf(ctx, namespace, scopeOf(ctx, compartmentId, subtree === 'true')).filter((e) =>
          q.filters.every((f) => f.test(e.dimensions[f.name])),
        );
        const groups = new Map<string, { dims: Record<string, string>; members: Emitter[] }>();
        for (const e of emitters) {
          const dims =
            q.grouping.kind === 'none'
              ? e.dimensions
              : q.grouping.kind === 'all'
                ? {}
                : Object.fromEntries(q.grouping.dims.map((d) => [d, e.dimensions[d] ?? '']));
          const key = q.grouping.kind === 'none' ? e.id : JSON.stringify(dims);
          const g = groups.get(key) ?? { dims, members: [] };
          g.members.push(e);
          groups.set(key, g);
        }
        const stamps: number[] = [];
        for (let ts = Math.ceil(start / resolutionMs) * resolutionMs; ts <= end; ts += resolutionMs) stamps.push(ts);
        if (stamps.length * groups.size > MAX_POINTS)
          throw OciErrors.limitExceeded(
            `The query would return ${stamps.length * groups.size} datapoints; the limit is ${MAX_POINTS}. Narrow ` +
              `the time range or raise the resolution.`,
          );
        const series = [...groups.values()].map((g) => ({
          namespace,
          compartmentId: g.members.length === 1 ? g.members[0]!.compartmentId : compartmentId,
          name: q.metric,
          dimensions: g.dims,
          metadata: { unit: profile.unit, displayName: q.metric },
          resolution: String(b.resolution ?? '1m'),
          aggregatedDatapoints: stamps.map((ts) => {
            const samples: number[] = [];
            for (let m = Math.floor((ts - q.intervalMs) / MINUTE) + 1; m <= Math.floor(ts / MINUTE); m++)
              for (const e of g.members) samples.push(sample(profile, e.id, q.metric, m));
            return {
              timestamp: new Date(ts).toISOString(),
              value: Math.round(aggregate(q, samples, q.intervalMs) * 1000) / 1000,
            };
          }),
        }));
        return { body: series };
      },
    },
  ];
  return { name: 'monitoring', routes, ...surfaceOf(['MonitoringClient'], routes) };
}
