/**
 * Domain types and the ports of the resources function. Domain modules depend only on these;
 * the `*-oci.ts` adapters implement them over the oci-sdk clients.
 */

export type HealthStatus = 'HEALTHY' | 'DEGRADED' | 'DOWN' | 'UNKNOWN';
export interface Health {
  status: HealthStatus;
  reason: string;
}

/** The list kinds the inventory pages through, one cache entry per compartment and kind. */
export const LIST_KINDS = [
  'instances',
  'autonomousDatabases',
  'mysqlDbSystems',
  'clusters',
  'apiGateways',
  'loadBalancers',
] as const;
export type ListKind = (typeof LIST_KINDS)[number];

/** GraphQL kinds (databases = autonomous + MySQL). */
export const RESOURCE_KINDS = ['INSTANCE', 'DATABASE', 'CLUSTER', 'API_GATEWAY', 'LOAD_BALANCER'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export interface CompartmentRecord {
  id: string;
  name: string;
  description: string;
  parentId: string | null;
  lifecycleState: string;
  timeCreated: string | null;
}

export interface BaseResource {
  id: string;
  displayName: string;
  compartmentId: string;
  lifecycleState: string;
  timeCreated: string | null;
  freeformTags: Record<string, string>;
}

export interface InstanceView extends BaseResource {
  kind: 'INSTANCE';
  shape: string;
  ocpus: number | null;
  memoryInGBs: number | null;
  availabilityDomain: string;
  faultDomain: string | null;
  imageId: string | null;
  imageName: string | null;
  privateIps: string[];
  publicIps: string[];
}

export interface DatabaseView extends BaseResource {
  kind: 'DATABASE';
  databaseKind: 'AUTONOMOUS' | 'MYSQL';
  version: string | null;
  cpuCount: number | null;
  storageInGBs: number | null;
  endpoints: string[];
  workload: string | null;
}

export interface NodePoolView {
  id: string;
  name: string;
  kubernetesVersion: string | null;
  nodeShape: string | null;
  size: number | null;
  lifecycleState: string;
}
export interface ClusterView extends BaseResource {
  kind: 'CLUSTER';
  kubernetesVersion: string | null;
  endpoints: { kubernetes: string | null; publicEndpoint: string | null; privateEndpoint: string | null };
  nodePools: NodePoolView[];
}

export interface DeploymentView {
  id: string;
  displayName: string;
  pathPrefix: string;
  endpoint: string;
  lifecycleState: string;
}
export interface ApiGatewayView extends BaseResource {
  kind: 'API_GATEWAY';
  endpointType: string;
  hostname: string | null;
  deployments: DeploymentView[];
}

/**
 * A backend set's health. `status` comes from the compartment's ListLoadBalancerHealths (or one
 * GetLoadBalancerHealth for a multi-set load balancer that is not OK); the per-backend lists need
 * GetBackendSetHealth, so they are absent until asked for ({@link InventoryPort.backendSetHealth}).
 */
export interface BackendSetHealthView {
  /** OK | WARNING | CRITICAL | UNKNOWN */
  status: string;
  totalBackendCount: number;
  loadBalancerId?: string;
  backendSetName?: string;
  criticalBackends?: string[];
  warningBackends?: string[];
  unknownBackends?: string[];
}
export interface BackendSetHealthDetail {
  status: string;
  totalBackendCount: number;
  criticalBackends: string[];
  warningBackends: string[];
  unknownBackends: string[];
}
export interface BackendSetView {
  name: string;
  policy: string | null;
  backends: { name: string; ipAddress: string; port: number }[];
  health: BackendSetHealthView | null;
}
export interface LoadBalancerView extends BaseResource {
  kind: 'LOAD_BALANCER';
  shape: string;
  isPrivate: boolean;
  ipAddresses: string[];
  backendSets: BackendSetView[];
}

export type ResourceView = InstanceView | DatabaseView | ClusterView | ApiGatewayView | LoadBalancerView;

/** What each list kind yields. */
export interface ListKindValue {
  instances: InstanceView;
  autonomousDatabases: DatabaseView;
  mysqlDbSystems: DatabaseView;
  clusters: ClusterView;
  apiGateways: ApiGatewayView;
  loadBalancers: LoadBalancerView;
}

/** Reads the tenancy's inventory; every list is fully paginated and enriched by the adapter. */
export interface InventoryPort {
  /** the root compartment (tenancy) OCID */
  readonly tenancyId: string;
  getCompartment(id: string): Promise<CompartmentRecord>;
  /** children of `parentId`, or (with `subtree`, only at the tenancy) every compartment under it */
  listCompartments(args: { parentId: string; subtree: boolean }): Promise<CompartmentRecord[]>;
  list<K extends ListKind>(kind: K, compartmentId: string): Promise<ListKindValue[K][]>;
  getInstance(id: string): Promise<InstanceView>;
  /** the compartment of a resource with metrics (instance, autonomous database, MySQL DB system, load balancer) */
  compartmentOf(id: string): Promise<string>;
  /** one backend set's per-backend health (GetBackendSetHealth); null when the set or load balancer is gone */
  backendSetHealth(loadBalancerId: string, backendSetName: string): Promise<BackendSetHealthDetail | null>;
}

export const METRIC_NAMES = ['CPU', 'MEMORY', 'NETWORK_IN', 'NETWORK_OUT'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** One grouped query: a namespace, a metric, a compartment and every resource of interest. */
export interface MetricsQuery {
  compartmentId: string;
  namespace: string;
  metric: string;
  resourceIds: string[];
  start: Date;
  end: Date;
  resolution: string;
  interval: string;
  statistic: 'mean' | 'max' | 'sum';
}
export interface MetricPoint {
  timestamp: string;
  value: number;
}

/** Monitoring. */
export interface MetricsPort {
  /** ONE SummarizeMetricsData call; answers the points per resourceId */
  summarize(q: MetricsQuery): Promise<Map<string, MetricPoint[]>>;
}

export const INSTANCE_ACTIONS = ['START', 'STOP', 'SOFTSTOP', 'RESET', 'SOFTRESET'] as const;
export type InstanceAction = (typeof INSTANCE_ACTIONS)[number];

export interface LaunchSpec {
  compartmentId: string;
  displayName: string;
  availabilityDomain: string;
  shape: string;
  ocpus?: number;
  memoryInGBs?: number;
  imageId: string;
  bootVolumeSizeInGBs: number;
  subnetId: string;
  sshPublicKey: string;
  userData: string;
  freeformTags: Record<string, string>;
  retryToken: string;
}

export interface ImageInfo {
  id: string;
  displayName: string;
  operatingSystem: string;
  operatingSystemVersion: string;
  timeCreated: string | null;
}

/** A compute shape as ListShapes describes it (flexible shapes carry their OCPU and memory ranges). */
export interface ShapeInfo {
  shape: string;
  isFlexible: boolean;
  /** fixed shapes: their size; flexible ones: the default */
  ocpus: number | null;
  memoryInGBs: number | null;
  ocpuOptions: { min: number | null; max: number | null } | null;
  memoryOptions: {
    minInGBs: number | null;
    maxInGBs: number | null;
    minPerOcpuInGBs: number | null;
    maxPerOcpuInGBs: number | null;
  } | null;
}

/** Compute operations beyond reads. */
export interface ComputePort {
  instanceAction(id: string, action: InstanceAction): Promise<InstanceView>;
  launch(spec: LaunchSpec): Promise<InstanceView>;
  /** a live (not terminating) instance named `displayName` carrying freeform tag `tag` */
  findInstance(args: {
    compartmentId: string;
    displayName: string;
    tag: { key: string; value: string };
  }): Promise<string | undefined>;
  terminate(id: string): Promise<void>;
  /** platform images of an OS for a shape, newest first */
  listImages(args: {
    compartmentId: string;
    operatingSystem: string;
    operatingSystemVersion: string;
    shape: string;
  }): Promise<ImageInfo[]>;
  listAvailabilityDomains(compartmentId: string): Promise<string[]>;
  /** one image (NOT_FOUND when unknown) with its lifecycle state */
  getImage(imageId: string): Promise<ImageInfo & { lifecycleState: string }>;
  /**
   * the shapes offered to the compartment; with `imageId` only those compatible with that image (one entry per
   * shape name)
   */
  listShapes(args: { compartmentId: string; imageId?: string }): Promise<ShapeInfo[]>;
  /** instances (not TERMINATED) whose primary VNIC is in `subnetId` */
  countInstancesInSubnet(args: {
    compartmentId: string;
    subnetId: string;
    excludeInstanceId?: string;
  }): Promise<number>;
  /** the subnet of an instance's primary VNIC */
  subnetOfInstance(args: { compartmentId: string; instanceId: string }): Promise<string | undefined>;
}

export interface NetRecord {
  id: string;
  displayName: string;
  vcnId?: string;
  freeformTags: Record<string, string>;
}
export interface SecurityRuleSpec {
  protocol: '6';
  source: string;
  tcpMin: number;
  tcpMax: number;
}

/** Virtual Network operations launch and terminate need. */
export interface NetworkPort {
  findVcn(compartmentId: string, displayName: string): Promise<NetRecord | undefined>;
  createVcn(args: {
    compartmentId: string;
    displayName: string;
    cidrBlock: string;
    dnsLabel: string;
    tags: Record<string, string>;
    retryToken: string;
  }): Promise<NetRecord & { defaultRouteTableId: string; defaultSecurityListId: string }>;
  find(
    kind: 'subnet' | 'internetGateway' | 'routeTable' | 'securityList',
    args: { compartmentId: string; vcnId: string; displayName: string },
  ): Promise<NetRecord | undefined>;
  createInternetGateway(args: {
    compartmentId: string;
    vcnId: string;
    displayName: string;
    tags: Record<string, string>;
    retryToken: string;
  }): Promise<NetRecord>;
  createRouteTable(args: {
    compartmentId: string;
    vcnId: string;
    displayName: string;
    igwId: string;
    tags: Record<string, string>;
    retryToken: string;
  }): Promise<NetRecord>;
  createSecurityList(args: {
    compartmentId: string;
    vcnId: string;
    displayName: string;
    ingress: SecurityRuleSpec[];
    tags: Record<string, string>;
    retryToken: string;
  }): Promise<NetRecord>;
  /** replace the ingress rules (when requested ports grow) */
  updateSecurityList(id: string, ingress: SecurityRuleSpec[]): Promise<void>;
  getSecurityListIngress(id: string): Promise<SecurityRuleSpec[]>;
  createSubnet(args: {
    compartmentId: string;
    vcnId: string;
    displayName: string;
    cidrBlock: string;
    dnsLabel: string;
    routeTableId: string;
    securityListIds: string[];
    tags: Record<string, string>;
    retryToken: string;
  }): Promise<NetRecord>;
  getSubnet(id: string): Promise<(NetRecord & { vcnId: string }) | undefined>;
  /** deletes; a 404 counts as done */
  delete(kind: 'vcn' | 'subnet' | 'internetGateway' | 'routeTable' | 'securityList', id: string): Promise<void>;
  region(): string;
}
