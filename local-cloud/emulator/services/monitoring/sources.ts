/**
 * Which resources emit which metrics, and their deterministic raw samples: one per minute per
 * resource, a daily-ish sinusoid plus hashed noise, seeded by (resourceId, metric), so the same
 * query always answers the same numbers.
 */
import { createHash } from 'node:crypto';
import type { ProviderContext } from '../../core/types.ts';
import { settle } from '../resource-kit/lifecycle.ts';

interface MetricProfile {
  unit: string;
  base: [number, number];
  amp: [number, number];
  noise: number;
  max?: number;
  integer?: boolean;
}

export interface Emitter {
  id: string;
  compartmentId: string;
  dimensions: Record<string, string>;
}

interface NamespaceSpec {
  /** store location of the resources and which states emit */
  service: string;
  collection: string;
  live: string[];
  dims(r: Record<string, unknown>): Record<string, string>;
  metrics: Record<string, MetricProfile>;
}

const pct = (base: [number, number], amp: [number, number]): MetricProfile => ({
  unit: 'percent',
  base,
  amp,
  noise: 4,
  max: 100,
});
const bytes = (base: [number, number]): MetricProfile => ({
  unit: 'bytes',
  base,
  amp: [base[0] / 3, base[1] / 3],
  noise: base[0] / 5,
});
const count = (base: [number, number]): MetricProfile => ({
  unit: 'count',
  base,
  amp: [base[0] / 2, base[1] / 2],
  noise: base[0] / 4,
  integer: true,
});

export const NAMESPACES: Record<string, NamespaceSpec> = {
  oci_computeagent: {
    service: 'compute',
    collection: 'instances',
    live: ['RUNNING'],
    dims: (r) => ({
      resourceId: String(r.id),
      resourceDisplayName: String(r.displayName),
      availabilityDomain: String(r.availabilityDomain),
      faultDomain: String(r.faultDomain),
      shape: String(r.shape),
      imageId: String(r.imageId ?? ''),
      region: 'us-ashburn-1',
    }),
    metrics: {
      CpuUtilization: pct([5, 55], [3, 25]),
      MemoryUtilization: pct([20, 70], [2, 10]),
      LoadAverage: { unit: 'count', base: [0.1, 2], amp: [0.05, 1], noise: 0.2 },
      NetworksBytesIn: bytes([2e5, 5e6]),
      NetworksBytesOut: bytes([1e5, 3e6]),
      DiskBytesRead: bytes([1e5, 2e6]),
      DiskBytesWritten: bytes([1e5, 4e6]),
      DiskIopsRead: count([5, 200]),
      DiskIopsWritten: count([5, 300]),
    },
  },
  oci_autonomous_database: {
    service: 'database',
    collection: 'autonomousDatabases',
    live: ['AVAILABLE'],
    dims: (r) => ({
      resourceId: String(r.id),
      resourceName: String(r.displayName),
      deploymentType: 'Shared',
      region: 'us-ashburn-1',
    }),
    metrics: {
      CpuUtilization: pct([3, 40], [2, 20]),
      StorageUtilization: pct([5, 60], [0.1, 1]),
      Sessions: count([2, 60]),
      ExecuteCount: count([100, 5000]),
    },
  },
  oci_mysql_database: {
    service: 'mysql',
    collection: 'dbSystems',
    live: ['ACTIVE'],
    dims: (r) => ({ resourceId: String(r.id), resourceName: String(r.displayName), region: 'us-ashburn-1' }),
    metrics: {
      CPUUtilization: pct([3, 50], [2, 20]),
      MemoryUtilization: pct([30, 70], [1, 5]),
      ActiveConnections: count([1, 80]),
      Statements: count([50, 3000]),
    },
  },
  oci_lbaas: {
    service: 'loadbalancer',
    collection: 'loadBalancers',
    live: ['ACTIVE'],
    dims: (r) => ({ resourceId: String(r.id), lbName: String(r.displayName), region: 'us-ashburn-1' }),
    metrics: {
      HttpRequests: count([10, 3000]),
      ActiveConnections: count([1, 400]),
      BytesReceived: bytes([1e5, 5e7]),
      BytesSent: bytes([1e5, 9e7]),
      UnHealthyBackendServers: count([0, 1]),
    },
  },
  oci_apigateway: {
    service: 'apigateway',
    collection: 'gateways',
    live: ['ACTIVE'],
    dims: (r) => ({ resourceId: String(r.id), gatewayName: String(r.displayName), region: 'us-ashburn-1' }),
    metrics: {
      HttpRequests: count([5, 2000]),
      BytesSent: bytes([1e4, 5e6]),
      BytesReceived: bytes([1e4, 2e6]),
      Latency: { unit: 'milliseconds', base: [20, 200], amp: [5, 50], noise: 10 },
    },
  },
  oci_oke: {
    service: 'containerengine',
    collection: 'clusters',
    live: ['ACTIVE'],
    dims: (r) => ({ resourceId: String(r.id), clusterName: String(r.name), region: 'us-ashburn-1' }),
    metrics: {
      APIServerRequestCount: count([50, 2000]),
      APIServerResponseCount: count([50, 2000]),
      UnschedulablePods: count([0, 2]),
    },
  },
};

/** Live resources of a namespace in the given compartments. */
export function emittersOf(ctx: ProviderContext, namespace: string, compartments: Set<string>): Emitter[] {
  const spec = NAMESPACES[namespace];
  if (!spec) return [];
  const now = ctx.now();
  return ctx.store
    .collection<Record<string, unknown> & { lifecycleState: string }>(spec.service, spec.collection)
    .values()
    .filter((r) => compartments.has(String(r.compartmentId))) // before the copy: settling never moves a resource
    .map((r) => {
      const copy = structuredClone(r);
      settle(copy, now);
      return copy;
    })
    .filter((r) => spec.live.includes(r.lifecycleState))
    .map((r) => ({ id: String(r.id), compartmentId: String(r.compartmentId), dimensions: spec.dims(r) }));
}

export const profileOf = (namespace: string, metric: string): MetricProfile | undefined =>
  NAMESPACES[namespace]?.metrics[metric];

function unit01(...parts: (string | number)[]): number {
  return createHash('sha256').update(parts.join('|')).digest().readUInt32BE(0) / 0x1_0000_0000;
}

/** The raw sample of `metric` for `resourceId` at minute `minute` (ms since epoch / 60000). */
export function sample(p: MetricProfile, resourceId: string, metric: string, minute: number): number {
  const base = p.base[0] + unit01(resourceId, metric, 'base') * (p.base[1] - p.base[0]);
  const amp = p.amp[0] + unit01(resourceId, metric, 'amp') * (p.amp[1] - p.amp[0]);
  const periodMin = 60 * (2 + Math.floor(unit01(resourceId, metric, 'period') * 22));
  const phase = unit01(resourceId, metric, 'phase') * 2 * Math.PI;
  const noise = (unit01(resourceId, metric, minute) * 2 - 1) * p.noise;
  let v = base + amp * Math.sin((2 * Math.PI * minute) / periodMin + phase) + noise;
  v = Math.max(0, p.max !== undefined ? Math.min(p.max, v) : v);
  return p.integer ? Math.round(v) : Math.round(v * 1000) / 1000;
}
