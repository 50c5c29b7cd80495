/**
 * Load Balancer (LoadBalancerClient, `/20170115`): ListLoadBalancers, GetLoadBalancer,
 * ListBackendSets, GetBackendSet, GetBackendSetHealth, GetBackendHealth, GetLoadBalancerHealth,
 * ListLoadBalancerHealths (per compartment: `{loadBalancerId, status}` summaries) over records made by
 * `createLoadBalancer` (seed, tests, bench), where each backend carries the health the seed gives it. Every other
 * LoadBalancerClient operation answers 501 naming it.
 *
 * Health rules (OCI's, simplified): a backend set is UNKNOWN with no backends or when every
 * backend is UNKNOWN, OK when all are OK, CRITICAL when none is OK, else WARNING; a load balancer
 * likewise over its backend sets, except that a load balancer with exactly one backend set has
 * that set's status (as on OCI, whose documented load balancer rules give that for one set). Limitations: read-only
 * over REST; no health checks run; `healthCheckResults` are
 * synthetic; listeners, certificates and rule sets are stored as given.
 */
import type { EmulatorRequest, Provider, ProviderContext, Route } from '../../core/types.ts';
import { surfaceOf } from '../resource-kit/catalog.ts';
import { readonlyRoutes, seedBase, type SeedCommon } from '../resource-kit/readonly.ts';
import { listAnswer, ResourceTable, type ResourceRecord } from '../resource-kit/table.ts';
import { requireCompartment } from '../identity-compartments/store.ts';
import { timingFromEnv } from '../resource-kit/timing.ts';
import { notFound, optionalBool, optionalStr } from '../resource-kit/validate.ts';

export type BackendHealthStatus = 'OK' | 'WARNING' | 'CRITICAL' | 'UNKNOWN';
export interface BackendInput {
  ipAddress: string;
  port: number;
  weight?: number;
  health?: BackendHealthStatus;
}
export interface BackendSetInput {
  name: string;
  policy?: string;
  backends: BackendInput[];
  healthCheckPort?: number;
}
export interface LoadBalancerInput extends SeedCommon {
  /** @default flexible */
  shapeName?: string;
  isPrivate?: boolean;
  ipAddress?: string;
  backendSets: BackendSetInput[];
}

interface BackendSet {
  name: string;
  policy: string;
  backends: Record<string, unknown>[];
  healthChecker: Record<string, unknown>;
}
export interface LoadBalancerRecord extends ResourceRecord {
  displayName: string;
  shapeName: string;
  shapeDetails?: Record<string, number>;
  isPrivate: boolean;
  ipAddresses: { ipAddress: string; isPublic: boolean }[];
  subnetIds: string[];
  listeners: Record<string, unknown>;
  backendSets: Record<string, BackendSet>;
  _health: Record<string, Record<string, BackendHealthStatus>>;
}

export interface LoadBalancerProvider extends Provider {
  createLoadBalancer(i: LoadBalancerInput): LoadBalancerRecord;
}

export function rollUp(states: BackendHealthStatus[]): BackendHealthStatus {
  if (!states.length || states.every((s) => s === 'UNKNOWN')) return 'UNKNOWN';
  if (states.every((s) => s === 'OK')) return 'OK';
  if (!states.includes('OK')) return 'CRITICAL';
  return 'WARNING';
}

export function loadBalancerProvider(ctx: ProviderContext): LoadBalancerProvider {
  const table = new ResourceTable<LoadBalancerRecord>(ctx, 'loadbalancer', 'loadBalancers', 'loadBalancer');
  const timing = timingFromEnv();
  const base = '/20170115/loadBalancers/{loadBalancerId}';
  const lbOf = (req: EmulatorRequest) => table.require(req.params.loadBalancerId, 'loadBalancerId');
  const setOf = (req: EmulatorRequest) => {
    const lb = lbOf(req);
    const name = req.params.backendSetName!;
    if (!lb.backendSets[name]) throw notFound('backendSet', name);
    return { lb, name, set: lb.backendSets[name]! };
  };
  const setHealth = (lb: LoadBalancerRecord, name: string) => {
    const h = lb._health[name] ?? {};
    const names = (s: BackendHealthStatus) =>
      Object.entries(h)
        .filter(([, v]) => v === s)
        .map(([k]) => k);
    return {
      status: rollUp(Object.values(h)),
      warningStateBackendNames: names('WARNING'),
      criticalStateBackendNames: names('CRITICAL'),
      unknownStateBackendNames: names('UNKNOWN'),
      totalBackendCount: Object.keys(h).length,
    };
  };
  const etag = (lb: LoadBalancerRecord) => ({ etag: lb._etag });
  const lbHealth = (lb: LoadBalancerRecord) => {
    const sets = Object.keys(lb.backendSets).map((n) => [n, setHealth(lb, n).status] as const);
    const pick = (s: BackendHealthStatus) => sets.filter(([, v]) => v === s).map(([n]) => n);
    const status = sets.length === 1 ? sets[0]![1] : rollUp(sets.map(([, v]) => v));
    return {
      status,
      warningStateBackendSetNames: pick('WARNING'),
      criticalStateBackendSetNames: pick('CRITICAL'),
      unknownStateBackendSetNames: pick('UNKNOWN'),
      totalBackendSetCount: sets.length,
    };
  };

  const routes: Route[] = [
    ...readonlyRoutes(ctx, {
      table,
      path: '/20170115/loadBalancers',
      idParam: 'loadBalancerId',
      list: 'ListLoadBalancers',
      get: 'GetLoadBalancer',
      filters: { displayName: 'displayName' },
      sortKeys: { timecreated: 'timeCreated', displayname: 'displayName' },
    }),
    {
      method: 'GET',
      path: `${base}/backendSets`,
      operation: 'ListBackendSets',
      handler: (req) => {
        const lb = lbOf(req);
        return { headers: etag(lb), body: Object.values(lb.backendSets) };
      },
    },
    {
      method: 'GET',
      path: `${base}/backendSets/{backendSetName}`,
      operation: 'GetBackendSet',
      handler: (req) => {
        const { lb, set } = setOf(req);
        return { headers: etag(lb), body: set };
      },
    },
    {
      method: 'GET',
      path: `${base}/backendSets/{backendSetName}/health`,
      operation: 'GetBackendSetHealth',
      handler: (req) => {
        const { lb, name } = setOf(req);
        return { headers: etag(lb), body: setHealth(lb, name) };
      },
    },
    {
      method: 'GET',
      path: `${base}/backendSets/{backendSetName}/backends/{backendName}/health`,
      operation: 'GetBackendHealth',
      handler: (req) => {
        const { lb, name } = setOf(req);
        const status = lb._health[name]?.[req.params.backendName!];
        if (!status) throw notFound('backend', req.params.backendName!);
        const code = { OK: 'OK', WARNING: 'INVALID_STATUS_CODE', CRITICAL: 'CONNECT_FAILED', UNKNOWN: 'OK' }[status];
        return {
          headers: etag(lb),
          body: {
            status,
            healthCheckResults:
              status === 'UNKNOWN'
                ? []
                : [
                    {
                      subnetId: lb.subnetIds[0],
                      sourceIpAddress: '10.0.0.5',
                      timestamp: new Date(ctx.now()).toISOString(),
                      healthCheckStatus: code,
                    },
                  ],
          },
        };
      },
    },
    {
      method: 'GET',
      path: `${base}/health`,
      operation: 'GetLoadBalancerHealth',
      handler: (req) => {
        const lb = lbOf(req);
        return { headers: etag(lb), body: lbHealth(lb) };
      },
    },
    {
      method: 'GET',
      path: '/20170115/loadBalancerHealths',
      operation: 'ListLoadBalancerHealths',
      handler: (req) => {
        const compartmentId = requireCompartment(ctx, req.query('compartmentId'));
        const rows = table.allWhere((lb) => lb.compartmentId === compartmentId);
        return listAnswer(req, rows, { view: (lb) => ({ loadBalancerId: lb.id, status: lbHealth(lb).status }) });
      },
    },
  ];

  function createLoadBalancer(i: LoadBalancerInput): LoadBalancerRecord {
    const rec = seedBase(ctx, 'loadbalancer', i, { finalState: 'ACTIVE', settleMs: timing.transitionMs });
    const isPrivate = optionalBool(i.isPrivate, 'isPrivate') ?? false;
    const backendSets: Record<string, BackendSet> = {};
    const health: Record<string, Record<string, BackendHealthStatus>> = {};
    for (const s of i.backendSets ?? []) {
      const name = optionalStr(s.name, 'backendSets[].name', { pattern: /^[A-Za-z0-9_-]{1,32}$/ })!;
      health[name] = {};
      backendSets[name] = {
        name,
        policy: s.policy ?? 'ROUND_ROBIN',
        healthChecker: {
          protocol: 'HTTP',
          urlPath: '/health',
          port: s.healthCheckPort ?? 0,
          returnCode: 200,
          retries: 3,
          timeoutInMillis: 3000,
          intervalInMillis: 10000,
          responseBodyRegex: '',
        },
        backends: s.backends.map((b) => {
          const bn = `${b.ipAddress}:${b.port}`;
          health[name]![bn] = b.health ?? 'OK';
          return {
            name: bn,
            ipAddress: b.ipAddress,
            port: b.port,
            weight: b.weight ?? 1,
            drain: false,
            backup: false,
            offline: false,
          };
        }),
      };
    }
    const shape = i.shapeName ?? 'flexible';
    return table.put({
      ...rec,
      displayName: i.displayName ?? `lb-${table.col.size + 1}`,
      shapeName: shape,
      ...(shape === 'flexible' ? { shapeDetails: { minimumBandwidthInMbps: 10, maximumBandwidthInMbps: 100 } } : {}),
      isPrivate,
      ipAddresses: [
        {
          ipAddress:
            i.ipAddress ??
            (isPrivate ? `10.0.4.${2 + (table.col.size % 250)}` : `129.80.200.${2 + (table.col.size % 250)}`),
          isPublic: !isPrivate,
        },
      ],
      subnetIds: [`ocid1.subnet.oc1.iad.aaaaaaaalocal${table.col.size}`],
      listeners: Object.fromEntries(
        Object.keys(backendSets).map((n, k) => [
          `${n}-listener`,
          { name: `${n}-listener`, defaultBackendSetName: n, port: 80 + k, protocol: 'HTTP' },
        ]),
      ),
      backendSets,
      _health: health,
    } as LoadBalancerRecord);
  }
  return { name: 'loadbalancer', routes, ...surfaceOf(['LoadBalancerClient'], routes), createLoadBalancer };
}
