/**
 * Container Engine for Kubernetes (ContainerEngineClient, `/20180222`): ListClusters, GetCluster,
 * ListNodePools, GetNodePool over records made by `createCluster`/`createNodePool` (seed, tests,
 * bench). Every other ContainerEngineClient operation answers 501 naming it.
 *
 * Limitations against OCI: read-only over REST; no kubeconfig, addons or work requests; node
 * pool nodes are records only (no instances in Compute); endpoints point nowhere.
 */
import { randomBytes } from 'node:crypto';
import { OciErrors } from '../../core/errors.ts';
import { newOcid } from '../../core/ids.ts';
import type { Provider, ProviderContext } from '../../core/types.ts';
import { surfaceOf } from '../resource-kit/catalog.ts';
import { publicView } from '../resource-kit/lifecycle.ts';
import { readonlyRoutes, seedBase, type SeedCommon } from '../resource-kit/readonly.ts';
import { ResourceTable, type ResourceRecord } from '../resource-kit/table.ts';
import { timingFromEnv } from '../resource-kit/timing.ts';
import { oneOf, optionalBool, optionalNum, optionalStr } from '../resource-kit/validate.ts';
import { AD_NAMES } from '../identity-compartments/store.ts';

export interface ClusterRecord extends ResourceRecord {
  name: string;
  vcnId: string;
  kubernetesVersion: string;
  type: string;
  endpoints: Record<string, string>;
  endpointConfig: Record<string, unknown>;
  metadata: Record<string, unknown>;
  availableKubernetesUpgrades: string[];
  options: Record<string, unknown>;
}
export interface NodePoolRecord extends ResourceRecord {
  name: string;
  clusterId: string;
  kubernetesVersion: string;
  nodeShape: string;
  nodeShapeConfig: { ocpus: number; memoryInGBs: number };
  nodeConfigDetails: Record<string, unknown>;
  nodeSourceDetails: Record<string, unknown>;
  nodes: Record<string, unknown>[];
  _nodeCount: number;
}

export interface ClusterInput extends SeedCommon {
  name: string;
  /** @default v1.31.1 */
  kubernetesVersion?: string;
  vcnId?: string;
  /** @default true */
  isPublicEndpoint?: boolean;
  /** @default ENHANCED_CLUSTER */
  type?: string;
}
export interface NodePoolInput extends SeedCommon {
  name: string;
  clusterId: string;
  /** @default VM.Standard.A1.Flex */
  nodeShape?: string;
  ocpus?: number;
  memoryInGBs?: number;
  /** @default 3 */
  size?: number;
}

export interface ContainerEngineProvider extends Provider {
  createCluster(i: ClusterInput): ClusterRecord;
  createNodePool(i: NodePoolInput): NodePoolRecord;
}

const sortKeys = { id: 'id', name: 'name', time_created: 'timeCreated', timecreated: 'timeCreated' } as const;
const noTime = <T extends { timeCreated?: string }>(r: T) => {
  const v = publicView(r) as Record<string, unknown>;
  delete v.timeCreated;
  return v;
};

export function containerEngineProvider(ctx: ProviderContext): ContainerEngineProvider {
  const clusters = new ResourceTable<ClusterRecord>(ctx, 'containerengine', 'clusters', 'cluster');
  const pools = new ResourceTable<NodePoolRecord>(ctx, 'containerengine', 'nodePools', 'nodePool');
  const timing = timingFromEnv();
  const routes = [
    ...readonlyRoutes(ctx, {
      table: clusters,
      path: '/20180222/clusters',
      idParam: 'clusterId',
      list: 'ListClusters',
      get: 'GetCluster',
      filters: { name: 'name' },
      sortKeys,
      defaultSortBy: 'time_created',
      view: noTime,
      getView: noTime,
    }),
    ...readonlyRoutes(ctx, {
      table: pools,
      path: '/20180222/nodePools',
      idParam: 'nodePoolId',
      list: 'ListNodePools',
      get: 'GetNodePool',
      filters: { name: 'name', clusterId: 'clusterId' },
      sortKeys,
      defaultSortBy: 'time_created',
      view: (r) => {
        const v = noTime(r);
        delete v.nodes;
        return v;
      },
      getView: noTime,
    }),
  ];
  function createCluster(i: ClusterInput): ClusterRecord {
    const base = seedBase(ctx, 'cluster', i, { finalState: 'ACTIVE', settleMs: timing.transitionMs });
    const name = optionalStr(i.name, 'name') ?? `cluster-${randomBytes(3).toString('hex')}`;
    const version = optionalStr(i.kubernetesVersion, 'kubernetesVersion', { pattern: /^v\d+\.\d+\.\d+$/ }) ?? 'v1.31.1';
    const pub = optionalBool(i.isPublicEndpoint, 'isPublicEndpoint') ?? true;
    const priv = `10.0.0.${2 + (clusters.col.size % 250)}:6443`;
    const pubIp = `129.80.${randomBytes(1)[0]}.${2 + (randomBytes(1)[0]! % 250)}:6443`;
    const [maj, min] = version.slice(1).split('.').map(Number) as [number, number];
    return clusters.put({
      ...base,
      name,
      vcnId: i.vcnId ?? newOcid('vcn'),
      kubernetesVersion: version,
      type:
        i.type === undefined
          ? 'ENHANCED_CLUSTER'
          : oneOf(i.type, 'type', ['BASIC_CLUSTER', 'ENHANCED_CLUSTER'] as const),
      endpoints: {
        ...(pub ? { kubernetes: pubIp.replace(':6443', ''), publicEndpoint: pubIp } : {}),
        privateEndpoint: priv,
      },
      endpointConfig: { isPublicIpEnabled: pub, subnetId: newOcid('subnet') },
      metadata: { timeCreated: base.timeCreated, createdByUserId: ctx.tenancy.admin.userId },
      availableKubernetesUpgrades: [`v${maj}.${min + 1}.1`],
      options: { kubernetesNetworkConfig: { podsCidr: '10.244.0.0/16', servicesCidr: '10.96.0.0/16' } },
      displayName: name,
    } as ClusterRecord);
  }
  function createNodePool(i: NodePoolInput): NodePoolRecord {
    const cluster = clusters.require(i.clusterId, 'clusterId');
    if (cluster.compartmentId !== i.compartmentId)
      throw OciErrors.invalidParameter("A node pool must be in its cluster's compartment");
    const base = seedBase(ctx, 'nodepool', i, { finalState: 'ACTIVE', settleMs: timing.transitionMs });
    const size = optionalNum(i.size, 'size', { min: 0, max: 1000, integer: true }) ?? 3;
    const name = optionalStr(i.name, 'name') ?? `pool-${randomBytes(3).toString('hex')}`;
    const shape = i.nodeShape ?? 'VM.Standard.A1.Flex';
    const nodes = Array.from({ length: size }, (_, n) => ({
      id: newOcid('instance'),
      name: `oke-${name}-${n}`,
      availabilityDomain: AD_NAMES[n % 3],
      faultDomain: `FAULT-DOMAIN-${(n % 3) + 1}`,
      privateIp: `10.0.10.${10 + n}`,
      lifecycleState: base.lifecycleState === 'ACTIVE' ? 'ACTIVE' : 'CREATING',
      kubernetesVersion: cluster.kubernetesVersion,
      nodePoolId: base.id,
    }));
    return pools.put({
      ...base,
      name,
      displayName: name,
      clusterId: cluster.id,
      kubernetesVersion: cluster.kubernetesVersion,
      nodeShape: shape,
      nodeShapeConfig: {
        ocpus: optionalNum(i.ocpus, 'ocpus', { min: 1, max: 64 }) ?? 1,
        memoryInGBs: optionalNum(i.memoryInGBs, 'memoryInGBs', { min: 1, max: 1024 }) ?? 6,
      },
      nodeConfigDetails: {
        size,
        placementConfigs: AD_NAMES.map((ad) => ({ availabilityDomain: ad, subnetId: cluster.endpointConfig.subnetId })),
      },
      nodeSourceDetails: { sourceType: 'IMAGE', imageId: newOcid('image') },
      nodes,
      _nodeCount: size,
    } as NodePoolRecord);
  }
  return {
    name: 'containerengine',
    routes,
    ...surfaceOf(['ContainerEngineClient'], routes),
    createCluster,
    createNodePool,
  };
}
