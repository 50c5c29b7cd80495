import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { CompartmentNode as CompartmentNodeModel } from './inventory.ts';
import type { ResourceView as ResourceViewModel, InstanceView as InstanceViewModel, DatabaseView as DatabaseViewModel, ClusterView as ClusterViewModel, NodePoolView as NodePoolViewModel, ApiGatewayView as ApiGatewayViewModel, DeploymentView as DeploymentViewModel, LoadBalancerView as LoadBalancerViewModel, BackendSetView as BackendSetViewModel, BackendSetHealthView as BackendSetHealthViewModel } from './ports.ts';
import type { ResourceConnectionSource as ResourceConnectionSourceModel, ResourcesContext } from './resolvers.ts';
import type { ActionResult as ActionResultModel, TerminateResult as TerminateResultModel } from './operations.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An RFC 3339 date-time with offset, e.g. 2024-05-01T12:00:00.000Z (always UTC on output). TypeScript: string. */
  DateTime: { input: Date; output: Date | string; }
  /** An integer between -(2^53-1) and 2^53-1, always a JSON number; byte counts beyond 32 bits. TypeScript: number. */
  SafeInt: { input: number; output: number; }
};

/** A deployment of an API gateway. */
export type ApiDeployment = {
  __typename?: 'ApiDeployment';
  /** The display name. */
  displayName: Scalars['String']['output'];
  /** The URL it serves. */
  endpoint: Scalars['String']['output'];
  /** The deployment OCID. */
  id: Scalars['ID']['output'];
  /** The lifecycle state. */
  lifecycleState: LifecycleState;
  /** The path prefix it serves. */
  pathPrefix: Scalars['String']['output'];
};

/** An API gateway. */
export type ApiGateway = Resource & {
  __typename?: 'ApiGateway';
  /** The compartment holding it. */
  compartmentId: Scalars['ID']['output'];
  /** Its deployments. */
  deployments: Array<ApiDeployment>;
  /** The display name. */
  displayName: Scalars['String']['output'];
  /** PUBLIC or PRIVATE. */
  endpointType: Scalars['String']['output'];
  /** Its freeform tags. */
  freeformTags: Array<Tag>;
  /** Its health (its own state and its deployments'). */
  health: Health;
  /** The host name. */
  hostname?: Maybe<Scalars['String']['output']>;
  /** The gateway OCID. */
  id: Scalars['ID']['output'];
  /** API_GATEWAY. */
  kind: ResourceKind;
  /** The lifecycle state. */
  lifecycleState: LifecycleState;
  /** When it was created. */
  timeCreated?: Maybe<Scalars['DateTime']['output']>;
};

/** A backend server of a backend set. */
export type Backend = {
  __typename?: 'Backend';
  /** The IP address. */
  ipAddress: Scalars['String']['output'];
  /** The backend's name (ip:port). */
  name: Scalars['String']['output'];
  /** The port. */
  port: Scalars['Int']['output'];
};

/** A backend set of a load balancer. */
export type BackendSet = {
  __typename?: 'BackendSet';
  /** The backends. */
  backends: Array<Backend>;
  /** Its health, when known. */
  health?: Maybe<BackendSetHealth>;
  /** The name. */
  name: Scalars['String']['output'];
  /** The balancing policy. */
  policy?: Maybe<Scalars['String']['output']>;
};

/** The health of a backend set. */
export type BackendSetHealth = {
  __typename?: 'BackendSetHealth';
  /** Backends failing their checks. */
  criticalBackends: Array<Scalars['String']['output']>;
  /** The status. */
  status: BackendSetHealthStatus;
  /** Backends in the set. */
  totalBackendCount: Scalars['Int']['output'];
  /** Backends of unknown health. */
  unknownBackends: Array<Scalars['String']['output']>;
  /** Backends with warnings. */
  warningBackends: Array<Scalars['String']['output']>;
};

/** The health of a backend set as the load balancer's checks see it. */
export type BackendSetHealthStatus =
  /** Every backend fails. */
  | 'CRITICAL'
  /** Every backend passes. */
  | 'OK'
  /** Not known yet. */
  | 'UNKNOWN'
  /** Some backends fail. */
  | 'WARNING';

/** An OKE (Kubernetes) cluster. */
export type Cluster = Resource & {
  __typename?: 'Cluster';
  /** The compartment holding it. */
  compartmentId: Scalars['ID']['output'];
  /** The display name. */
  displayName: Scalars['String']['output'];
  /** The API endpoints. */
  endpoints: ClusterEndpoints;
  /** Its freeform tags. */
  freeformTags: Array<Tag>;
  /** Its health (its own state and its node pools'). */
  health: Health;
  /** The cluster OCID. */
  id: Scalars['ID']['output'];
  /** CLUSTER. */
  kind: ResourceKind;
  /** The Kubernetes version. */
  kubernetesVersion?: Maybe<Scalars['String']['output']>;
  /** The lifecycle state. */
  lifecycleState: LifecycleState;
  /** The node pools. */
  nodePools: Array<NodePool>;
  /** When it was created. */
  timeCreated?: Maybe<Scalars['DateTime']['output']>;
};

/** The endpoints of an OKE cluster. */
export type ClusterEndpoints = {
  __typename?: 'ClusterEndpoints';
  /** The Kubernetes API endpoint. */
  kubernetes?: Maybe<Scalars['String']['output']>;
  /** The private API endpoint. */
  privateEndpoint?: Maybe<Scalars['String']['output']>;
  /** The public API endpoint. */
  publicEndpoint?: Maybe<Scalars['String']['output']>;
};

/** A compartment of the tenancy. */
export type Compartment = {
  __typename?: 'Compartment';
  /** Levels below the tenancy (the tenancy is 0). */
  depth: Scalars['Int']['output'];
  /** The description. */
  description: Scalars['String']['output'];
  /** The compartment OCID. */
  id: Scalars['ID']['output'];
  /** The lifecycle state. */
  lifecycleState: LifecycleState;
  /** The name. */
  name: Scalars['String']['output'];
  /** The parent compartment, null for the tenancy. */
  parentId?: Maybe<Scalars['ID']['output']>;
  /** readable path from the tenancy, e.g. acme/prod/web */
  path: Scalars['String']['output'];
};

/** A page of compartments, root first, sorted by path. */
export type CompartmentConnection = {
  __typename?: 'CompartmentConnection';
  /** The compartments of this page with their cursors. */
  edges: Array<CompartmentEdge>;
  /** The compartments of this page (the edges' nodes). */
  nodes: Array<Compartment>;
  /** Where this page sits. */
  pageInfo: PageInfo;
  /** Compartments in the whole list (every page). */
  totalCount: Scalars['Int']['output'];
};

/** One compartment in a connection. */
export type CompartmentEdge = {
  __typename?: 'CompartmentEdge';
  /** Pass as `after` to read the compartments after this one. */
  cursor: Scalars['String']['output'];
  /** The compartment. */
  node: Compartment;
};

/** An Autonomous Database or MySQL DB system. */
export type Database = Resource & {
  __typename?: 'Database';
  /** The compartment holding it. */
  compartmentId: Scalars['ID']['output'];
  /** CPUs (ECPUs or OCPUs). */
  cpuCount?: Maybe<Scalars['Float']['output']>;
  /** The display name. */
  displayName: Scalars['String']['output'];
  /** Connection endpoints (host names or URLs). */
  endpoints: Array<Scalars['String']['output']>;
  /** Autonomous or MySQL. */
  engine: DatabaseEngine;
  /** Its freeform tags. */
  freeformTags: Array<Tag>;
  /** Its health. */
  health: Health;
  /** The database OCID. */
  id: Scalars['ID']['output'];
  /** DATABASE. */
  kind: ResourceKind;
  /** The lifecycle state. */
  lifecycleState: LifecycleState;
  /** Storage in GB. */
  storageInGBs?: Maybe<Scalars['Float']['output']>;
  /** When it was created. */
  timeCreated?: Maybe<Scalars['DateTime']['output']>;
  /** The database version. */
  version?: Maybe<Scalars['String']['output']>;
  /** workload (autonomous) or shape (MySQL) */
  workload?: Maybe<Scalars['String']['output']>;
};

/** The database engine. */
export type DatabaseEngine =
  /** Autonomous Database. */
  | 'AUTONOMOUS'
  /** MySQL HeatWave DB system. */
  | 'MYSQL';

/** The health of a resource, with the reason in words. */
export type Health = {
  __typename?: 'Health';
  /** Why, e.g. `stopped` or `cpu 93% (recent mean)`. */
  reason: Scalars['String']['output'];
  /** The status. */
  status: HealthStatus;
};

/** How many resources have one health status. */
export type HealthCount = {
  __typename?: 'HealthCount';
  /** Resources with it. */
  count: Scalars['Int']['output'];
  /** The status. */
  status: HealthStatus;
};

/** A resource's health, from its lifecycle state, parts and recent metrics. */
export type HealthStatus =
  /** Running, but a part is unwell or the load is high. */
  | 'DEGRADED'
  /** Not serving (stopped, failed, deleted). */
  | 'DOWN'
  /** Running as it should. */
  | 'HEALTHY'
  /** Not known (in transition or no data). */
  | 'UNKNOWN';

/** The HTTP method to use on a pre-authenticated request URL. */
export type HttpMethod =
  /** Abort a multipart upload. */
  | 'DELETE'
  /** Read the object. */
  | 'GET'
  /** Commit a multipart upload. */
  | 'POST'
  /** Write the object (or, with the multipart header, start a multipart upload). */
  | 'PUT';

/** A Compute instance. */
export type Instance = Resource & {
  __typename?: 'Instance';
  /** The availability domain. */
  availabilityDomain: Scalars['String']['output'];
  /** The compartment holding it. */
  compartmentId: Scalars['ID']['output'];
  /** The display name. */
  displayName: Scalars['String']['output'];
  /** The fault domain. */
  faultDomain?: Maybe<Scalars['String']['output']>;
  /** Its freeform tags. */
  freeformTags: Array<Tag>;
  /** Its health (lifecycle state and recent CPU and memory). */
  health: Health;
  /** The instance OCID. */
  id: Scalars['ID']['output'];
  /** The image it was launched from. */
  imageId?: Maybe<Scalars['ID']['output']>;
  /** The image's display name. */
  imageName?: Maybe<Scalars['String']['output']>;
  /** INSTANCE. */
  kind: ResourceKind;
  /** The lifecycle state. */
  lifecycleState: LifecycleState;
  /** Memory in GB. */
  memoryInGBs?: Maybe<Scalars['Float']['output']>;
  /** OCPUs (flexible shapes). */
  ocpus?: Maybe<Scalars['Float']['output']>;
  /** Private IP addresses. */
  privateIps: Array<Scalars['String']['output']>;
  /** Public IP addresses. */
  publicIps: Array<Scalars['String']['output']>;
  /** The shape, e.g. VM.Standard.E4.Flex. */
  shape: Scalars['String']['output'];
  /** When it was launched. */
  timeCreated?: Maybe<Scalars['DateTime']['output']>;
};

/** Instance actions (OCI InstanceAction). */
export type InstanceActionKind =
  /** Power off and on again. */
  | 'RESET'
  /** Reboot the OS. */
  | 'SOFTRESET'
  /** Shut down the OS, then power off. */
  | 'SOFTSTOP'
  /** Power on. */
  | 'START'
  /** Power off at once. */
  | 'STOP';

/** What an instance action did. */
export type InstanceActionResult = {
  __typename?: 'InstanceActionResult';
  /** The instance as last read. */
  instance: Instance;
  /** What happened, in words. */
  message: Scalars['String']['output'];
  /** whether the instance is in targetState now */
  reachedTargetState: Scalars['Boolean']['output'];
  /** The state the action leads to. */
  targetState: LifecycleState;
  /** Whether the call waited for the state. */
  waited: Scalars['Boolean']['output'];
};

/** What to launch. */
export type LaunchInstanceInput = {
  /** The availability domain; default the first. */
  availabilityDomain?: InputMaybe<Scalars['String']['input']>;
  /** default 50 */
  bootVolumeSizeInGBs?: InputMaybe<Scalars['Int']['input']>;
  /** The compartment. */
  compartmentId: Scalars['ID']['input'];
  /** The display name. */
  displayName: Scalars['String']['input'];
  /** the same key on a retried launch reuses the same OCI retry tokens */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** default: the newest Ubuntu 24.04 (else 22.04) platform image for the shape */
  imageId?: InputMaybe<Scalars['ID']['input']>;
  /** Memory in GB (flexible shapes only). */
  memoryInGBs?: InputMaybe<Scalars['Float']['input']>;
  /** network naming prefix: <prefix>-vcn-<region> (default: dash) */
  networkPrefix?: InputMaybe<Scalars['String']['input']>;
  /** flexible shapes only */
  ocpus?: InputMaybe<Scalars['Float']['input']>;
  /** TCP ports to open besides SSH */
  openPorts?: InputMaybe<Array<Scalars['Int']['input']>>;
  /** default VM.Standard.E2.1.Micro (Always Free) */
  shape?: InputMaybe<Scalars['String']['input']>;
  /** OpenSSH public key; without it a key pair is generated and its private key returned once */
  sshPublicKey?: InputMaybe<Scalars['String']['input']>;
  /** cloud-init user data (plain text); default installs K3s and Helm and writes a status file */
  userData?: InputMaybe<Scalars['String']['input']>;
};

/** What a launch did. */
export type LaunchInstanceResult = {
  __typename?: 'LaunchInstanceResult';
  /** only when the key pair was generated: shown once, never stored */
  generatedPrivateKey?: Maybe<Scalars['String']['output']>;
  /** The image it was launched from. */
  imageId: Scalars['ID']['output'];
  /** The instance. */
  instance: Instance;
  /** The network it was launched in. */
  network: LaunchNetwork;
  /** the public key installed (null when a retried launch answered the instance it launched before) */
  sshPublicKey?: Maybe<Scalars['String']['output']>;
};

/** The network a launch used. */
export type LaunchNetwork = {
  __typename?: 'LaunchNetwork';
  /** ids of the pieces this launch created (empty when reused) */
  created: Array<Scalars['ID']['output']>;
  /** The subnet. */
  subnetId: Scalars['ID']['output'];
  /** The VCN. */
  vcnId: Scalars['ID']['output'];
};

/**
 * Lifecycle states of OCI resources (every kind listed here uses a subset).
 * A state this API does not know yet is UNKNOWN.
 */
export type LifecycleState =
  /** Usable (most kinds). */
  | 'ACTIVE'
  /** Usable (autonomous databases). */
  | 'AVAILABLE'
  /** Available, needs attention (autonomous databases). */
  | 'AVAILABLE_NEEDS_ATTENTION'
  /** Backing up (autonomous databases). */
  | 'BACKUP_IN_PROGRESS'
  /** Being created (databases, clusters, gateways, load balancers, compartments). */
  | 'CREATING'
  /** An image is being made (instances). */
  | 'CREATING_IMAGE'
  /** Deleted. */
  | 'DELETED'
  /** Being deleted. */
  | 'DELETING'
  /** Failed. */
  | 'FAILED'
  /** Inaccessible (autonomous databases). */
  | 'INACCESSIBLE'
  /** Inactive (compartments, MySQL, node pools). */
  | 'INACTIVE'
  /** Under maintenance (autonomous databases). */
  | 'MAINTENANCE_IN_PROGRESS'
  /** Moving to another compartment (instances). */
  | 'MOVING'
  /** Needs attention (node pools). */
  | 'NEEDS_ATTENTION'
  /** Being provisioned (instances, autonomous databases). */
  | 'PROVISIONING'
  /** Being recreated (autonomous databases). */
  | 'RECREATING'
  /** Restarting (autonomous databases). */
  | 'RESTARTING'
  /** Restore failed (autonomous databases). */
  | 'RESTORE_FAILED'
  /** Restoring (autonomous databases). */
  | 'RESTORE_IN_PROGRESS'
  /** Changing its Data Guard role (autonomous databases). */
  | 'ROLE_CHANGE_IN_PROGRESS'
  /** Running (instances). */
  | 'RUNNING'
  /** Scaling (autonomous databases). */
  | 'SCALE_IN_PROGRESS'
  /** Standby (autonomous databases). */
  | 'STANDBY'
  /** Starting (instances, autonomous databases). */
  | 'STARTING'
  /** Stopped (instances, autonomous databases). */
  | 'STOPPED'
  /** Stopping (instances, autonomous databases). */
  | 'STOPPING'
  /** Terminated. */
  | 'TERMINATED'
  /** Being terminated. */
  | 'TERMINATING'
  /** Being transported (autonomous databases). */
  | 'TRANSPORTING'
  /** Unavailable (autonomous databases). */
  | 'UNAVAILABLE'
  /** A state OCI reported that this API does not know. */
  | 'UNKNOWN'
  /** Being changed. */
  | 'UPDATING'
  /** Upgrading (autonomous databases). */
  | 'UPGRADING';

/** A load balancer. */
export type LoadBalancer = Resource & {
  __typename?: 'LoadBalancer';
  /** Its backend sets. */
  backendSets: Array<BackendSet>;
  /** The compartment holding it. */
  compartmentId: Scalars['ID']['output'];
  /** The display name. */
  displayName: Scalars['String']['output'];
  /** Its freeform tags. */
  freeformTags: Array<Tag>;
  /** Its health (its own state and its backend sets'). */
  health: Health;
  /** The load balancer OCID. */
  id: Scalars['ID']['output'];
  /** Its IP addresses. */
  ipAddresses: Array<Scalars['String']['output']>;
  /** Whether it has only private addresses. */
  isPrivate: Scalars['Boolean']['output'];
  /** LOAD_BALANCER. */
  kind: ResourceKind;
  /** The lifecycle state. */
  lifecycleState: LifecycleState;
  /** The shape. */
  shape: Scalars['String']['output'];
  /** When it was created. */
  timeCreated?: Maybe<Scalars['DateTime']['output']>;
};

/** The metrics `metrics` can read. */
export type MetricName =
  /** CPU utilisation, percent. */
  | 'CPU'
  /** Memory utilisation, percent. */
  | 'MEMORY'
  /** Bytes received per interval. */
  | 'NETWORK_IN'
  /** Bytes sent per interval. */
  | 'NETWORK_OUT';

/** A point of a time series. */
export type MetricPoint = {
  __typename?: 'MetricPoint';
  /** The start of the interval. */
  timestamp: Scalars['DateTime']['output'];
  /** The aggregated value. */
  value: Scalars['Float']['output'];
};

/** A time series of one metric of one resource. */
export type MetricSeries = {
  __typename?: 'MetricSeries';
  /** The Monitoring metric, e.g. CpuUtilization. */
  metric: Scalars['String']['output'];
  /** The metric. */
  name: MetricName;
  /** The Monitoring namespace, e.g. oci_computeagent. */
  namespace: Scalars['String']['output'];
  /** The points, oldest first. */
  points: Array<MetricPoint>;
  /** The resource. */
  resourceId: Scalars['ID']['output'];
  /** The statistic, e.g. mean or rate. */
  statistic: Scalars['String']['output'];
};

/** Operations with side effects. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Run an instance action; with waitForState, wait (within the call's deadline) for RUNNING or STOPPED. */
  instanceAction: InstanceActionResult;
  /** Launch an instance in the convention network (created or reused). */
  launchInstance: LaunchInstanceResult;
  /**
   * Terminate an instance; with cleanupNetwork, also remove the network pieces launchInstance created once nothing
   * else uses them.
   */
  terminateInstance: TerminateInstanceResult;
};


/** Operations with side effects. */
export type MutationInstanceActionArgs = {
  action: InstanceActionKind;
  id: Scalars['ID']['input'];
  waitForState?: InputMaybe<Scalars['Boolean']['input']>;
};


/** Operations with side effects. */
export type MutationLaunchInstanceArgs = {
  input: LaunchInstanceInput;
};


/** Operations with side effects. */
export type MutationTerminateInstanceArgs = {
  cleanupNetwork?: InputMaybe<Scalars['Boolean']['input']>;
  id: Scalars['ID']['input'];
};

/** A node pool of an OKE cluster. */
export type NodePool = {
  __typename?: 'NodePool';
  /** The node pool OCID. */
  id: Scalars['ID']['output'];
  /** The Kubernetes version of its nodes. */
  kubernetesVersion?: Maybe<Scalars['String']['output']>;
  /** The lifecycle state. */
  lifecycleState: LifecycleState;
  /** The name. */
  name: Scalars['String']['output'];
  /** The nodes' shape. */
  nodeShape?: Maybe<Scalars['String']['output']>;
  /** Nodes in the pool. */
  size?: Maybe<Scalars['Int']['output']>;
};

/** Where a page of a connection sits in its list (the Relay cursor connection specification). */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last edge of the page, null for an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether a page follows this one (pass endCursor as `after` to read it). */
  hasNextPage: Scalars['Boolean']['output'];
  /** Whether a page precedes this one (true when the page was read with `after`). */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** Cursor of the first edge of the page, null for an empty page. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** Read-only entry points. */
export type Query = {
  __typename?: 'Query';
  /** The compartment tree under rootId (default: the tenancy), root first, sorted by path. */
  compartments: CompartmentConnection;
  /** One instance (always read fresh); NOT_FOUND when there is none. */
  instance: Instance;
  /** Time series from Monitoring: one grouped query per compartment and metric. */
  metrics: Array<MetricSeries>;
  /** Every resource of the given kinds (default: all) in a compartment, or its whole subtree, by kind then list order. */
  resources: ResourceConnection;
};


/** Read-only entry points. */
export type QueryCompartmentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  fresh?: InputMaybe<Scalars['Boolean']['input']>;
  includeSubtree?: InputMaybe<Scalars['Boolean']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  rootId?: InputMaybe<Scalars['ID']['input']>;
};


/** Read-only entry points. */
export type QueryInstanceArgs = {
  id: Scalars['ID']['input'];
};


/** Read-only entry points. */
export type QueryMetricsArgs = {
  names: Array<MetricName>;
  resolution?: InputMaybe<Scalars['String']['input']>;
  resourceIds: Array<Scalars['ID']['input']>;
  window?: InputMaybe<Scalars['String']['input']>;
};


/** Read-only entry points. */
export type QueryResourcesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  compartmentId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  fresh?: InputMaybe<Scalars['Boolean']['input']>;
  includeSubtree?: InputMaybe<Scalars['Boolean']['input']>;
  kinds?: InputMaybe<Array<ResourceKind>>;
};

/** What every listed resource has. */
export type Resource = {
  /** The compartment holding it. */
  compartmentId: Scalars['ID']['output'];
  /** The display name. */
  displayName: Scalars['String']['output'];
  /** Its freeform tags. */
  freeformTags: Array<Tag>;
  /** Its health. */
  health: Health;
  /** The resource OCID. */
  id: Scalars['ID']['output'];
  /** The kind. */
  kind: ResourceKind;
  /** The lifecycle state. */
  lifecycleState: LifecycleState;
  /** When it was created. */
  timeCreated?: Maybe<Scalars['DateTime']['output']>;
};

/** A page of resources, by kind then list order, with the health summary of the whole list. */
export type ResourceConnection = {
  __typename?: 'ResourceConnection';
  /** The resources of this page with their cursors. */
  edges: Array<ResourceEdge>;
  /** Resources per health status, over the whole list (every page). */
  healthSummary: Array<HealthCount>;
  /** The resources of this page (the edges' nodes). */
  nodes: Array<Resource>;
  /** Where this page sits. */
  pageInfo: PageInfo;
  /** Resources in the whole list (every page). */
  totalCount: Scalars['Int']['output'];
};

/** One resource in a connection. */
export type ResourceEdge = {
  __typename?: 'ResourceEdge';
  /** Pass as `after` to read the resources after this one. */
  cursor: Scalars['String']['output'];
  /** The resource. */
  node: Resource;
};

/** The kinds of resource the inventory lists. */
export type ResourceKind =
  /** API gateways. */
  | 'API_GATEWAY'
  /** OKE (Kubernetes) clusters. */
  | 'CLUSTER'
  /** Autonomous databases and MySQL DB systems. */
  | 'DATABASE'
  /** Compute instances. */
  | 'INSTANCE'
  /** Load balancers. */
  | 'LOAD_BALANCER';

/** Caller roles, lowest first: each role implies the ones before it. */
export type Role =
  /** Operator, plus other users' files, quotas and export jobs. */
  | 'ADMIN'
  /** Viewer, plus instance actions, launches, uploads, deletions and exports. */
  | 'OPERATOR'
  /** Reads the tenancy, its own files, quota and export jobs. */
  | 'VIEWER';

/** A freeform tag. */
export type Tag = {
  __typename?: 'Tag';
  /** The tag's name. */
  key: Scalars['String']['output'];
  /** The tag's value. */
  value: Scalars['String']['output'];
};

/** What a termination did. */
export type TerminateInstanceResult = {
  __typename?: 'TerminateInstanceResult';
  /** The instance OCID. */
  id: Scalars['ID']['output'];
  /** Its lifecycle state after the call. */
  lifecycleState: LifecycleState;
  /** why network pieces were kept, if any */
  networkKept?: Maybe<Scalars['String']['output']>;
  /** Network pieces removed. */
  removedNetwork: Array<Scalars['ID']['output']>;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  ApiDeployment: ResolverTypeWrapper<DeploymentViewModel>;
  ApiGateway: ResolverTypeWrapper<ApiGatewayViewModel>;
  Backend: ResolverTypeWrapper<Backend>;
  BackendSet: ResolverTypeWrapper<BackendSetViewModel>;
  BackendSetHealth: ResolverTypeWrapper<BackendSetHealthViewModel>;
  BackendSetHealthStatus: BackendSetHealthStatus;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Cluster: ResolverTypeWrapper<ClusterViewModel>;
  ClusterEndpoints: ResolverTypeWrapper<ClusterEndpoints>;
  Compartment: ResolverTypeWrapper<CompartmentNodeModel>;
  CompartmentConnection: ResolverTypeWrapper<Omit<CompartmentConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['CompartmentEdge']>, nodes: Array<ResolversTypes['Compartment']> }>;
  CompartmentEdge: ResolverTypeWrapper<Omit<CompartmentEdge, 'node'> & { node: ResolversTypes['Compartment'] }>;
  Database: ResolverTypeWrapper<DatabaseViewModel>;
  DatabaseEngine: DatabaseEngine;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Health: ResolverTypeWrapper<Health>;
  HealthCount: ResolverTypeWrapper<HealthCount>;
  HealthStatus: HealthStatus;
  HttpMethod: HttpMethod;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Instance: ResolverTypeWrapper<InstanceViewModel>;
  InstanceActionKind: InstanceActionKind;
  InstanceActionResult: ResolverTypeWrapper<ActionResultModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  LaunchInstanceInput: LaunchInstanceInput;
  LaunchInstanceResult: ResolverTypeWrapper<Omit<LaunchInstanceResult, 'instance'> & { instance: ResolversTypes['Instance'] }>;
  LaunchNetwork: ResolverTypeWrapper<LaunchNetwork>;
  LifecycleState: LifecycleState;
  LoadBalancer: ResolverTypeWrapper<LoadBalancerViewModel>;
  MetricName: MetricName;
  MetricPoint: ResolverTypeWrapper<MetricPoint>;
  MetricSeries: ResolverTypeWrapper<MetricSeries>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  NodePool: ResolverTypeWrapper<NodePoolViewModel>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Resource: ResolverTypeWrapper<ResourceViewModel>;
  ResourceConnection: ResolverTypeWrapper<ResourceConnectionSourceModel>;
  ResourceEdge: ResolverTypeWrapper<Omit<ResourceEdge, 'node'> & { node: ResolversTypes['Resource'] }>;
  ResourceKind: ResourceKind;
  Role: Role;
  SafeInt: ResolverTypeWrapper<Scalars['SafeInt']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Tag: ResolverTypeWrapper<Tag>;
  TerminateInstanceResult: ResolverTypeWrapper<TerminateResultModel>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  ApiDeployment: DeploymentViewModel;
  ApiGateway: ApiGatewayViewModel;
  Backend: Backend;
  BackendSet: BackendSetViewModel;
  BackendSetHealth: BackendSetHealthViewModel;
  Boolean: Scalars['Boolean']['output'];
  Cluster: ClusterViewModel;
  ClusterEndpoints: ClusterEndpoints;
  Compartment: CompartmentNodeModel;
  CompartmentConnection: Omit<CompartmentConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['CompartmentEdge']>, nodes: Array<ResolversParentTypes['Compartment']> };
  CompartmentEdge: Omit<CompartmentEdge, 'node'> & { node: ResolversParentTypes['Compartment'] };
  Database: DatabaseViewModel;
  DateTime: Scalars['DateTime']['output'];
  Float: Scalars['Float']['output'];
  Health: Health;
  HealthCount: HealthCount;
  ID: Scalars['ID']['output'];
  Instance: InstanceViewModel;
  InstanceActionResult: ActionResultModel;
  Int: Scalars['Int']['output'];
  LaunchInstanceInput: LaunchInstanceInput;
  LaunchInstanceResult: Omit<LaunchInstanceResult, 'instance'> & { instance: ResolversParentTypes['Instance'] };
  LaunchNetwork: LaunchNetwork;
  LoadBalancer: LoadBalancerViewModel;
  MetricPoint: MetricPoint;
  MetricSeries: MetricSeries;
  Mutation: Record<PropertyKey, never>;
  NodePool: NodePoolViewModel;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  Resource: ResourceViewModel;
  ResourceConnection: ResourceConnectionSourceModel;
  ResourceEdge: Omit<ResourceEdge, 'node'> & { node: ResolversParentTypes['Resource'] };
  SafeInt: Scalars['SafeInt']['output'];
  String: Scalars['String']['output'];
  Tag: Tag;
  TerminateInstanceResult: TerminateResultModel;
};

export type ApiDeploymentResolvers<ContextType = ResourcesContext, ParentType extends ResolversParentTypes['ApiDeployment'] = ResolversParentTypes['ApiDeployment']> = {
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  endpoint?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lifecycleState?: Resolver<ResolversTypes['LifecycleState'], ParentType, ContextType>;
  pathPrefix?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ApiGatewayResolvers<ContextType = ResourcesContext, ParentType extends ResolversParentTypes['ApiGateway'] = ResolversParentTypes['ApiGateway']> = {
  compartmentId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  deployments?: Resolver<Array<ResolversTypes['ApiDeployment']>, ParentType, ContextType>;
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  endpointType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  freeformTags?: Resolver<Array<ResolversTypes['Tag']>, ParentType, ContextType>;
  health?: Resolver<ResolversTypes['Health'], ParentType, ContextType>;
  hostname?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ResourceKind'], ParentType, ContextType>;
  lifecycleState?: Resolver<ResolversTypes['LifecycleState'], ParentType, ContextType>;
  timeCreated?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type BackendResolvers<ContextType = ResourcesContext, ParentType extends ResolversParentTypes['Backend'] = ResolversParentTypes['Backend']> = {
  ipAddress?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  port?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type BackendSetResolvers<ContextType = ResourcesContext, ParentType extends ResolversParentTypes['BackendSet'] = ResolversParentTypes['BackendSet']> = {
  backends?: Resolver<Array<ResolversTypes['Backend']>, ParentType, ContextType>;
  health?: Resolver<Maybe<ResolversTypes['BackendSetHealth']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  policy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type BackendSetHealthResolvers<ContextType = ResourcesContext, ParentType extends ResolversParentTypes['BackendSetHealth'] = ResolversParentTypes['BackendSetHealth']> = {
  criticalBackends?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['BackendSetHealthStatus'], ParentType, ContextType>;
  totalBackendCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  unknownBackends?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  warningBackends?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ClusterResolvers<ContextType = ResourcesContext, ParentType extends ResolversParentTypes['Cluster'] = ResolversParentTypes['Cluster']> = {
  compartmentId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  endpoints?: Resolver<ResolversTypes['ClusterEndpoints'], ParentType, ContextType>;
  freeformTags?: Resolver<Array<ResolversTypes['Tag']>, ParentType, ContextType>;
  health?: Resolver<ResolversTypes['Health'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ResourceKind'], ParentType, ContextType>;
  kubernetesVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lifecycleState?: Resolver<ResolversTypes['LifecycleState'], ParentType, ContextType>;
  nodePools?: Resolver<Array<ResolversTypes['NodePool']>, ParentType, ContextType>;
  timeCreated?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ClusterEndpointsResolvers<ContextType = ResourcesContext, ParentType extends ResolversParentTypes['ClusterEndpoints'] = ResolversParentTypes['ClusterEndpoints']> = {
  kubernetes?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  privateEndpoint?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  publicEndpoint?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CompartmentResolvers<ContextType = ResourcesContext, ParentType extends ResolversParentTypes['Compartment'] = ResolversParentTypes['Compartment']> = {
  depth?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lifecycleState?: Resolver<ResolversTypes['LifecycleState'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parentId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  path?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CompartmentConnectionResolvers<ContextType = ResourcesContext, ParentType extends ResolversParentTypes['CompartmentConnection'] = ResolversParentTypes['CompartmentConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CompartmentEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Compartment']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CompartmentEdgeResolvers<ContextType = ResourcesContext, ParentType extends ResolversParentTypes['CompartmentEdge'] = ResolversParentTypes['CompartmentEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Compartment'], ParentType, ContextType>;
};

export type DatabaseResolvers<ContextType = ResourcesContext, ParentType extends ResolversParentTypes['Database'] = ResolversParentTypes['Database']> = {
  compartmentId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  cpuCount?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  endpoints?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  engine?: Resolver<ResolversTypes['DatabaseEngine'], ParentType, ContextType>;
  freeformTags?: Resolver<Array<ResolversTypes['Tag']>, ParentType, ContextType>;
  health?: Resolver<ResolversTypes['Health'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ResourceKind'], ParentType, ContextType>;
  lifecycleState?: Resolver<ResolversTypes['LifecycleState'], ParentType, ContextType>;
  storageInGBs?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  timeCreated?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  workload?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type HealthResolvers<ContextType = ResourcesContext, ParentType extends ResolversParentTypes['Health'] = ResolversParentTypes['Health']> = {
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['HealthStatus'], ParentType, ContextType>;
};

export type HealthCountResolvers<ContextType = ResourcesContext, ParentType extends ResolversParentTypes['HealthCount'] = ResolversParentTypes['HealthCount']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['HealthStatus'], ParentType, ContextType>;
};

export type InstanceResolvers<ContextType = ResourcesContext, ParentType extends ResolversParentTypes['Instance'] = ResolversParentTypes['Instance']> = {
  availabilityDomain?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  compartmentId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  faultDomain?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  freeformTags?: Resolver<Array<ResolversTypes['Tag']>, ParentType, ContextType>;
  health?: Resolver<ResolversTypes['Health'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  imageId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  imageName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ResourceKind'], ParentType, ContextType>;
  lifecycleState?: Resolver<ResolversTypes['LifecycleState'], ParentType, ContextType>;
  memoryInGBs?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  ocpus?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  privateIps?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  publicIps?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  shape?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  timeCreated?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type InstanceActionResultResolvers<ContextType = ResourcesContext, ParentType extends ResolversParentTypes['InstanceActionResult'] = ResolversParentTypes['InstanceActionResult']> = {
  instance?: Resolver<ResolversTypes['Instance'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reachedTargetState?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  targetState?: Resolver<ResolversTypes['LifecycleState'], ParentType, ContextType>;
  waited?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type LaunchInstanceResultResolvers<ContextType = ResourcesContext, ParentType extends ResolversParentTypes['LaunchInstanceResult'] = ResolversParentTypes['LaunchInstanceResult']> = {
  generatedPrivateKey?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  imageId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  instance?: Resolver<ResolversTypes['Instance'], ParentType, ContextType>;
  network?: Resolver<ResolversTypes['LaunchNetwork'], ParentType, ContextType>;
  sshPublicKey?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type LaunchNetworkResolvers<ContextType = ResourcesContext, ParentType extends ResolversParentTypes['LaunchNetwork'] = ResolversParentTypes['LaunchNetwork']> = {
  created?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  subnetId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  vcnId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type LoadBalancerResolvers<ContextType = ResourcesContext, ParentType extends ResolversParentTypes['LoadBalancer'] = ResolversParentTypes['LoadBalancer']> = {
  backendSets?: Resolver<Array<ResolversTypes['BackendSet']>, ParentType, ContextType>;
  compartmentId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  freeformTags?: Resolver<Array<ResolversTypes['Tag']>, ParentType, ContextType>;
  health?: Resolver<ResolversTypes['Health'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  ipAddresses?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  isPrivate?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ResourceKind'], ParentType, ContextType>;
  lifecycleState?: Resolver<ResolversTypes['LifecycleState'], ParentType, ContextType>;
  shape?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  timeCreated?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MetricPointResolvers<ContextType = ResourcesContext, ParentType extends ResolversParentTypes['MetricPoint'] = ResolversParentTypes['MetricPoint']> = {
  timestamp?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type MetricSeriesResolvers<ContextType = ResourcesContext, ParentType extends ResolversParentTypes['MetricSeries'] = ResolversParentTypes['MetricSeries']> = {
  metric?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['MetricName'], ParentType, ContextType>;
  namespace?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  points?: Resolver<Array<ResolversTypes['MetricPoint']>, ParentType, ContextType>;
  resourceId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  statistic?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = ResourcesContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  instanceAction?: Resolver<ResolversTypes['InstanceActionResult'], ParentType, ContextType, RequireFields<MutationInstanceActionArgs, 'action' | 'id' | 'waitForState'>>;
  launchInstance?: Resolver<ResolversTypes['LaunchInstanceResult'], ParentType, ContextType, RequireFields<MutationLaunchInstanceArgs, 'input'>>;
  terminateInstance?: Resolver<ResolversTypes['TerminateInstanceResult'], ParentType, ContextType, RequireFields<MutationTerminateInstanceArgs, 'cleanupNetwork' | 'id'>>;
};

export type NodePoolResolvers<ContextType = ResourcesContext, ParentType extends ResolversParentTypes['NodePool'] = ResolversParentTypes['NodePool']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kubernetesVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lifecycleState?: Resolver<ResolversTypes['LifecycleState'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nodeShape?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  size?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = ResourcesContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = ResourcesContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  compartments?: Resolver<ResolversTypes['CompartmentConnection'], ParentType, ContextType, RequireFields<QueryCompartmentsArgs, 'first' | 'fresh' | 'includeSubtree'>>;
  instance?: Resolver<ResolversTypes['Instance'], ParentType, ContextType, RequireFields<QueryInstanceArgs, 'id'>>;
  metrics?: Resolver<Array<ResolversTypes['MetricSeries']>, ParentType, ContextType, RequireFields<QueryMetricsArgs, 'names' | 'resolution' | 'resourceIds' | 'window'>>;
  resources?: Resolver<ResolversTypes['ResourceConnection'], ParentType, ContextType, RequireFields<QueryResourcesArgs, 'compartmentId' | 'first' | 'fresh' | 'includeSubtree'>>;
};

export type ResourceResolvers<ContextType = ResourcesContext, ParentType extends ResolversParentTypes['Resource'] = ResolversParentTypes['Resource']> = {
  __resolveType: TypeResolveFn<'ApiGateway' | 'Cluster' | 'Database' | 'Instance' | 'LoadBalancer', ParentType, ContextType>;
};

export type ResourceConnectionResolvers<ContextType = ResourcesContext, ParentType extends ResolversParentTypes['ResourceConnection'] = ResolversParentTypes['ResourceConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ResourceEdge']>, ParentType, ContextType>;
  healthSummary?: Resolver<Array<ResolversTypes['HealthCount']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Resource']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ResourceEdgeResolvers<ContextType = ResourcesContext, ParentType extends ResolversParentTypes['ResourceEdge'] = ResolversParentTypes['ResourceEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Resource'], ParentType, ContextType>;
};

export interface SafeIntScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['SafeInt'], any> {
  name: 'SafeInt';
}

export type TagResolvers<ContextType = ResourcesContext, ParentType extends ResolversParentTypes['Tag'] = ResolversParentTypes['Tag']> = {
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type TerminateInstanceResultResolvers<ContextType = ResourcesContext, ParentType extends ResolversParentTypes['TerminateInstanceResult'] = ResolversParentTypes['TerminateInstanceResult']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lifecycleState?: Resolver<ResolversTypes['LifecycleState'], ParentType, ContextType>;
  networkKept?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  removedNetwork?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type Resolvers<ContextType = ResourcesContext> = {
  ApiDeployment?: ApiDeploymentResolvers<ContextType>;
  ApiGateway?: ApiGatewayResolvers<ContextType>;
  Backend?: BackendResolvers<ContextType>;
  BackendSet?: BackendSetResolvers<ContextType>;
  BackendSetHealth?: BackendSetHealthResolvers<ContextType>;
  Cluster?: ClusterResolvers<ContextType>;
  ClusterEndpoints?: ClusterEndpointsResolvers<ContextType>;
  Compartment?: CompartmentResolvers<ContextType>;
  CompartmentConnection?: CompartmentConnectionResolvers<ContextType>;
  CompartmentEdge?: CompartmentEdgeResolvers<ContextType>;
  Database?: DatabaseResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Health?: HealthResolvers<ContextType>;
  HealthCount?: HealthCountResolvers<ContextType>;
  Instance?: InstanceResolvers<ContextType>;
  InstanceActionResult?: InstanceActionResultResolvers<ContextType>;
  LaunchInstanceResult?: LaunchInstanceResultResolvers<ContextType>;
  LaunchNetwork?: LaunchNetworkResolvers<ContextType>;
  LoadBalancer?: LoadBalancerResolvers<ContextType>;
  MetricPoint?: MetricPointResolvers<ContextType>;
  MetricSeries?: MetricSeriesResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  NodePool?: NodePoolResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Resource?: ResourceResolvers<ContextType>;
  ResourceConnection?: ResourceConnectionResolvers<ContextType>;
  ResourceEdge?: ResourceEdgeResolvers<ContextType>;
  SafeInt?: GraphQLScalarType;
  Tag?: TagResolvers<ContextType>;
  TerminateInstanceResult?: TerminateInstanceResultResolvers<ContextType>;
};

