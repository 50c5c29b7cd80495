/**
 * The permission model as data, from Oracle's policy reference ("Details for <service>" pages):
 * - RESOURCE_TYPES: each individual resource type with the permissions each verb adds
 *   (inspect < read < use < manage, cumulative), from the tables "Details for Verb + Resource-Type
 *   Combinations";
 * - FAMILIES: the aggregate types (`*-family`; `all-resources` is every type);
 * - OPERATIONS (./operations.ts): each emulated operation → the permissions it needs, from the tables
 *   "Permissions Required for Each API Operation", with how its target (compartment, bucket, table) is found.
 *
 * Sources (docs.oracle.com/iaas/Content/Identity/..., policyreference/ or Reference/):
 *   objectstorage  objectstoragepolicyreference.htm ("Details for Object Storage, Archive Storage, and Data Transfer")
 *   nosql          nosql-database/doc/policy-reference.html ("Oracle NoSQL Database Cloud Service Policies Reference")
 *   functions      functionspolicyreference.htm ("Details for Functions")
 *   core (compute, network, compute work requests)  corepolicyreference.htm ("Details for the Core Services")
 *   identity       iampolicyreference.htm ("Details for IAM without Identity Domains")
 *   monitoring     monitoringpolicyreference.htm ("Details for Monitoring")
 *   database       databasepolicyreference.htm ("Details for the Database Service")
 *   mysql          mysql-database/doc/policy-details.html ("Policy Details for MySQL HeatWave")
 *   containerengine  contengpolicyreference.htm ("Details for Kubernetes Engine")
 *   apigateway     apigatewaypolicyreference.htm ("Details for API Gateway")
 *   loadbalancer   lbpolicyreference.htm ("Details for Load Balancer")
 *   events         cloudeventspolicyreference.htm ("Details for the Events Service"; rules only, no rule API is
 *                  emulated)
 * Where a page leaves an operation's permission open (work requests, PAR creation's object side,
 * ExportImage's bucket write) the choice is named at the entry in ./operations.ts.
 */
import type { Verb } from './policy.ts';

type Ladder = Partial<Record<Verb, string[]>>;

export const RESOURCE_TYPES: Readonly<Record<string, Ladder>> = {
  // Object Storage
  buckets: {
    inspect: ['BUCKET_INSPECT'],
    read: ['BUCKET_READ'],
    use: ['BUCKET_UPDATE'],
    manage: ['BUCKET_CREATE', 'BUCKET_DELETE', 'PAR_MANAGE', 'RETENTION_RULE_MANAGE', 'RETENTION_RULE_LOCK'],
  },
  objects: {
    inspect: ['OBJECT_INSPECT'],
    read: ['OBJECT_READ'],
    use: ['OBJECT_OVERWRITE'],
    manage: ['OBJECT_CREATE', 'OBJECT_DELETE', 'OBJECT_RESTORE', 'OBJECT_VERSION_DELETE', 'OBJECT_UPDATE_TIER'],
  },
  'objectstorage-namespaces': { inspect: ['OBJECTSTORAGE_NAMESPACE_READ'], manage: ['OBJECTSTORAGE_NAMESPACE_UPDATE'] },
  // NoSQL
  'nosql-tables': {
    inspect: ['NOSQL_TABLE_INSPECT'],
    read: ['NOSQL_TABLE_READ'],
    use: ['NOSQL_TABLE_ALTER'],
    manage: ['NOSQL_TABLE_CREATE', 'NOSQL_TABLE_DROP', 'NOSQL_TABLE_MOVE'],
  },
  'nosql-rows': { read: ['NOSQL_ROWS_READ'], use: ['NOSQL_ROWS_INSERT', 'NOSQL_ROWS_DELETE'] },
  'nosql-indexes': { inspect: ['NOSQL_INDEX_INSPECT'], manage: ['NOSQL_INDEX_CREATE', 'NOSQL_INDEX_DROP'] },
  // Functions
  'fn-app': {
    inspect: ['FN_APP_LIST'],
    read: ['FN_APP_READ'],
    manage: ['FN_APP_CREATE', 'FN_APP_DELETE', 'FN_APP_UPDATE'],
  },
  'fn-function': {
    inspect: ['FN_FUNCTION_LIST'],
    read: ['FN_FUNCTION_READ'],
    manage: ['FN_FUNCTION_CREATE', 'FN_FUNCTION_DELETE', 'FN_FUNCTION_UPDATE'],
  },
  'fn-invocation': { use: ['FN_INVOCATION'], manage: ['FN_INVOCATION'] },
  // Core: compute
  instances: {
    inspect: ['INSTANCE_INSPECT'],
    read: ['INSTANCE_READ'],
    use: [
      'INSTANCE_UPDATE',
      'INSTANCE_CREATE_IMAGE',
      'INSTANCE_POWER_ACTIONS',
      'INSTANCE_ATTACH_VOLUME',
      'INSTANCE_DETACH_VOLUME',
    ],
    manage: [
      'INSTANCE_CREATE',
      'INSTANCE_DELETE',
      'INSTANCE_ATTACH_SECONDARY_VNIC',
      'INSTANCE_DETACH_SECONDARY_VNIC',
      'INSTANCE_MOVE',
    ],
  },
  'instance-images': {
    inspect: ['INSTANCE_IMAGE_INSPECT'],
    read: ['INSTANCE_IMAGE_READ'],
    use: ['INSTANCE_IMAGE_UPDATE'],
    manage: ['INSTANCE_IMAGE_CREATE', 'INSTANCE_IMAGE_DELETE', 'INSTANCE_IMAGE_MOVE'],
  },
  'vnic-attachments': { inspect: ['VNIC_ATTACHMENT_READ'] },
  'volume-attachments': {
    inspect: ['VOLUME_ATTACHMENT_INSPECT'],
    read: ['VOLUME_ATTACHMENT_READ'],
    use: ['VOLUME_ATTACHMENT_UPDATE'],
    manage: ['VOLUME_ATTACHMENT_CREATE', 'VOLUME_ATTACHMENT_DELETE'],
  },
  'compute-work-requests': { inspect: ['COMPUTE_WORK_REQUEST_INSPECT'], read: ['COMPUTE_WORK_REQUEST_READ'] },
  // Core: networking
  vcns: {
    inspect: ['VCN_READ'],
    use: ['VCN_ATTACH', 'VCN_DETACH'],
    manage: ['VCN_UPDATE', 'VCN_CREATE', 'VCN_DELETE', 'VCN_MOVE'],
  },
  subnets: {
    inspect: ['SUBNET_READ'],
    use: ['SUBNET_ATTACH', 'SUBNET_DETACH'],
    manage: ['SUBNET_CREATE', 'SUBNET_UPDATE', 'SUBNET_DELETE', 'SUBNET_MOVE'],
  },
  'route-tables': {
    inspect: ['ROUTE_TABLE_READ'],
    manage: [
      'ROUTE_TABLE_ATTACH',
      'ROUTE_TABLE_DETACH',
      'ROUTE_TABLE_UPDATE',
      'ROUTE_TABLE_CREATE',
      'ROUTE_TABLE_DELETE',
      'ROUTE_TABLE_MOVE',
    ],
  },
  'security-lists': {
    inspect: ['SECURITY_LIST_READ'],
    manage: [
      'SECURITY_LIST_ATTACH',
      'SECURITY_LIST_DETACH',
      'SECURITY_LIST_UPDATE',
      'SECURITY_LIST_CREATE',
      'SECURITY_LIST_DELETE',
      'SECURITY_LIST_MOVE',
    ],
  },
  'internet-gateways': {
    inspect: ['INTERNET_GATEWAY_READ'],
    manage: [
      'INTERNET_GATEWAY_ATTACH',
      'INTERNET_GATEWAY_DETACH',
      'INTERNET_GATEWAY_UPDATE',
      'INTERNET_GATEWAY_CREATE',
      'INTERNET_GATEWAY_DELETE',
      'INTERNET_GATEWAY_MOVE',
    ],
  },
  vnics: {
    inspect: ['VNIC_READ'],
    use: ['VNIC_ATTACH', 'VNIC_DETACH', 'VNIC_UPDATE'],
    manage: ['VNIC_CREATE', 'VNIC_DELETE'],
  },
  'private-ips': {
    inspect: ['PRIVATE_IP_READ'],
    use: ['PRIVATE_IP_UPDATE', 'PRIVATE_IP_ASSIGN', 'PRIVATE_IP_UNASSIGN'],
    manage: ['PRIVATE_IP_CREATE', 'PRIVATE_IP_DELETE'],
  },
  'public-ips': {
    inspect: ['PUBLIC_IP_READ'],
    use: ['PUBLIC_IP_ASSIGN_PRIVATE_IP', 'PUBLIC_IP_UNASSIGN_PRIVATE_IP'],
    manage: ['PUBLIC_IP_CREATE', 'PUBLIC_IP_UPDATE', 'PUBLIC_IP_DELETE', 'PUBLIC_IP_MOVE'],
  },
  // Identity
  compartments: {
    inspect: ['COMPARTMENT_INSPECT'],
    read: ['COMPARTMENT_READ'],
    manage: [
      'COMPARTMENT_CREATE',
      'COMPARTMENT_DELETE',
      'COMPARTMENT_UPDATE',
      'COMPARTMENT_RECOVER',
      'COMPARTMENT_MOVE',
    ],
  },
  tenancies: { inspect: ['TENANCY_INSPECT'], manage: ['TENANCY_UPDATE'] },
  // Monitoring
  metrics: { inspect: ['METRIC_INSPECT'], read: ['METRIC_READ'], use: ['METRIC_WRITE'] },
  // Database
  'autonomous-databases': {
    inspect: ['AUTONOMOUS_DATABASE_INSPECT'],
    read: ['AUTONOMOUS_DATABASE_CONTENT_READ'],
    use: ['AUTONOMOUS_DATABASE_CONTENT_WRITE', 'AUTONOMOUS_DATABASE_UPDATE'],
    manage: ['AUTONOMOUS_DATABASE_CREATE', 'AUTONOMOUS_DATABASE_DELETE'],
  },
  // MySQL HeatWave
  'mysql-instances': {
    inspect: ['MYSQL_INSTANCE_INSPECT'],
    read: ['MYSQL_INSTANCE_READ'],
    use: ['MYSQL_INSTANCE_UPDATE'],
    manage: ['MYSQL_INSTANCE_CREATE', 'MYSQL_INSTANCE_DELETE'],
  },
  // Kubernetes Engine
  clusters: {
    inspect: ['CLUSTER_INSPECT'],
    read: ['CLUSTER_READ'],
    use: ['CLUSTER_USE'],
    manage: ['CLUSTER_CREATE', 'CLUSTER_DELETE', 'CLUSTER_UPDATE'],
  },
  'cluster-node-pools': {
    inspect: ['CLUSTER_NODE_POOL_INSPECT'],
    read: ['CLUSTER_NODE_POOL_READ'],
    manage: ['CLUSTER_NODE_POOL_CREATE', 'CLUSTER_NODE_POOL_DELETE', 'CLUSTER_NODE_POOL_UPDATE'],
  },
  // API Gateway
  'api-gateways': {
    inspect: ['API_GATEWAY_INSPECT'],
    read: ['API_GATEWAY_READ'],
    manage: ['API_GATEWAY_CREATE', 'API_GATEWAY_DELETE', 'API_GATEWAY_UPDATE'],
  },
  'api-deployments': {
    inspect: ['API_DEPLOYMENT_INSPECT'],
    read: ['API_DEPLOYMENT_READ'],
    manage: ['API_DEPLOYMENT_CREATE', 'API_DEPLOYMENT_DELETE', 'API_DEPLOYMENT_UPDATE'],
  },
  // Load Balancer
  'load-balancers': {
    inspect: ['LOAD_BALANCER_INSPECT'],
    read: ['LOAD_BALANCER_READ'],
    use: ['LOAD_BALANCER_UPDATE'],
    manage: ['LOAD_BALANCER_CREATE', 'LOAD_BALANCER_DELETE', 'LOAD_BALANCER_MOVE'],
  },
  // Events
  'cloudevents-rules': {
    inspect: ['EVENTRULE_LIST'],
    read: ['EVENTRULE_READ'],
    manage: ['EVENTRULE_CREATE', 'EVENTRULE_DELETE', 'EVENTRULE_MODIFY'],
  },
};

export const FAMILIES: Readonly<Record<string, string[]>> = {
  'object-family': ['buckets', 'objects'],
  'nosql-family': ['nosql-tables', 'nosql-rows', 'nosql-indexes'],
  'functions-family': ['fn-app', 'fn-function', 'fn-invocation'],
  'instance-family': [
    'instances',
    'instance-images',
    'vnic-attachments',
    'volume-attachments',
    'compute-work-requests',
  ],
  'virtual-network-family': [
    'vcns',
    'subnets',
    'route-tables',
    'security-lists',
    'internet-gateways',
    'vnics',
    'private-ips',
    'public-ips',
  ],
  'database-family': ['autonomous-databases'],
  'autonomous-database-family': ['autonomous-databases'],
  'mysql-family': ['mysql-instances'],
  'cluster-family': ['clusters', 'cluster-node-pools'],
  'api-gateway-family': ['api-gateways', 'api-deployments'],
  'load-balancers': ['load-balancers'],
  'cloudevents-family': ['cloudevents-rules'],
};

const VERB_RANK: Record<Verb, number> = { inspect: 0, read: 1, use: 2, manage: 3 };

/** The permissions `verb` grants on an individual type (cumulative). */
export function permissionsOf(resourceType: string, verb: Verb): string[] {
  const ladder = RESOURCE_TYPES[resourceType];
  if (!ladder) return [];
  return (Object.keys(ladder) as Verb[]).filter((v) => VERB_RANK[v] <= VERB_RANK[verb]).flatMap((v) => ladder[v]!);
}

/** Individual types a resource type in a statement stands for (itself, a family's members, or every type). */
export function typesOf(resourceType: string): string[] | 'all' {
  if (resourceType === 'all-resources') return 'all';
  if (FAMILIES[resourceType]) return FAMILIES[resourceType]!;
  return RESOURCE_TYPES[resourceType] ? [resourceType] : [];
}

export function isKnownResourceType(resourceType: string): boolean {
  return resourceType === 'all-resources' || !!FAMILIES[resourceType] || !!RESOURCE_TYPES[resourceType];
}

/** The resource type a permission belongs to (first match). */
export function resourceTypeOf(permission: string): string | undefined {
  for (const [t, ladder] of Object.entries(RESOURCE_TYPES))
    if (Object.values(ladder).some((ps) => ps.includes(permission))) return t;
  return undefined;
}
