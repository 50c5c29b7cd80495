/**
 * A generated tenancy for the bench: `compartments` compartments in a tree three levels deep
 * under one `bench` root, each holding `perKind` of each of the six kinds (instances, autonomous
 * databases, MySQL DB systems, OKE clusters with one node pool, API gateways with one deployment,
 * load balancers with one backend set). Deterministic: the same options give the same spec.
 *
 * @example
 * await applyTenancy(emu, generateTenancy({ compartments: 50, perKind: 300 })); // ≥ 3 pages of 100 per kind
 */
import type { CompartmentSpec, TenancySpec } from './spec.ts';

export interface GenerateOptions {
  /** @default 50 */
  compartments?: number;
  /** resources of each kind per compartment @default 10 */
  perKind?: number;
  /** instance states cycle through these @default RUNNING, RUNNING, STOPPED */
  instanceStates?: ('RUNNING' | 'STOPPED')[];
}

export function generateTenancy(o: GenerateOptions = {}): TenancySpec {
  const total = o.compartments ?? 50;
  const per = o.perKind ?? 10;
  const states = o.instanceStates ?? ['RUNNING', 'RUNNING', 'STOPPED'];
  const health = ['OK', 'OK', 'WARNING', 'CRITICAL'] as const;
  const make = (n: number): CompartmentSpec => {
    const name = `bench-${String(n).padStart(3, '0')}`;
    const k = (kind: string, i: number) => `${name}-${kind}-${String(i).padStart(4, '0')}`;
    const range = Array.from({ length: per }, (_, i) => i);
    return {
      name,
      description: `generated compartment ${n}`,
      networks: [{ name: `${name}-vcn`, cidr: '10.0.0.0/16', subnetCidr: '10.0.0.0/18' }],
      instances: range.map((i) => ({
        name: k('vm', i),
        shape: 'VM.Standard.E2.1.Micro',
        state: states[i % states.length]!,
        assignPublicIp: false,
      })),
      autonomousDatabases: range.map((i) => ({
        displayName: k('adb', i),
        dbName: `B${n}X${i}`,
        dbWorkload: i % 2 ? 'DW' : 'OLTP',
      })),
      mysqlDbSystems: range.map((i) => ({ displayName: k('mysql', i) })),
      clusters: range.map((i) => ({ name: k('oke', i), nodePools: [{ name: k('pool', i), size: 1 }] })),
      apiGateways: range.map((i) => ({ displayName: k('gw', i), deployments: [{ pathPrefix: '/api' }] })),
      loadBalancers: range.map((i) => ({
        displayName: k('lb', i),
        backendSets: [
          { name: 'web', backends: [{ ipAddress: '10.0.1.10', port: 80, health: health[i % health.length]! }] },
        ],
      })),
    };
  };
  // a tree: up to 5 top-level compartments, each with children and grandchildren
  const nodes = Array.from({ length: total }, (_, n) => make(n));
  const roots: CompartmentSpec[] = [];
  nodes.forEach((node, n) => {
    if (n < 5) roots.push(node);
    else {
      const parent = nodes[n < 25 ? n % 5 : 5 + ((n - 25) % 20)]!;
      (parent.children ??= []).push(node);
    }
  });
  return {
    name: `bench-${total}x${per}`,
    compartments: [{ name: 'bench', description: 'generated bench tenancy', children: roots }],
  };
}
