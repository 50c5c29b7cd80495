/** {@link MetricsPort} over MonitoringClient.summarizeMetricsData (one call per grouped query). */
import { MonitoringClient } from 'oci-monitoring';
import { createOciClient } from '#shared/oci/index.ts';
import { iso, type OciCalls } from './calls.ts';
import { mqlOf } from './metrics.ts';
import type { MetricPoint, MetricsPort } from './ports.ts';

export function createOciMetrics(calls: OciCalls): MetricsPort {
  const monitoring = createOciClient(MonitoringClient, { service: 'MONITORING' });
  return {
    async summarize(q) {
      const r = await calls.one('monitoring', () =>
        monitoring.summarizeMetricsData({
          compartmentId: q.compartmentId,
          summarizeMetricsDataDetails: {
            namespace: q.namespace,
            query: mqlOf(q),
            startTime: q.start,
            endTime: q.end,
            resolution: q.resolution,
          },
        }),
      );
      const out = new Map<string, MetricPoint[]>();
      const wanted = q.resourceIds.length ? new Set(q.resourceIds) : undefined;
      for (const item of r.items) {
        const id = item.dimensions?.resourceId;
        if (!id || (wanted && !wanted.has(id))) continue;
        const points = (item.aggregatedDatapoints ?? [])
          .map((p) => ({ timestamp: iso(p.timestamp) ?? '', value: p.value }))
          .filter((p) => p.timestamp);
        out.set(
          id,
          [...(out.get(id) ?? []), ...points].sort((a, b) => a.timestamp.localeCompare(b.timestamp)),
        );
      }
      return out;
    },
  };
}
