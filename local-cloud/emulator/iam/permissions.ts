/**
 * The permission model as data, from Oracle's policy reference ("Details for <service>" pages):
 * - RESOURCE_TYPES: each individual resource type with the permissions each verb adds
 *   (inspect < read < use < manage, cumulative), from the tables "Details for Verb + Resource-Type
 *   Combinations";
 * - FAMILIES: the aggregate types (`*-family`; `all-resources` is every type);
 * - OPERATIONS: each emulated operation → the permissions it needs, from the tables "Permissions
 *   Required for Each API Operation", with how its target (compartment, bucket, table) is found.
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
 *   events         cloudeventspolicyreference.htm ("Details for the Events Service"; rules only, no rule API is emulated)
 * Where a page leaves an operation's permission open (work requests, PAR creation's object side,
 * ExportImage's bucket write) the choice is named at the entry.
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

/**
 * How the emulator finds what a request acts on:
 *  - `bucket`: the bucket in the path (`target.bucket.name`, the bucket's compartment);
 *  - `table`: the NoSQL table in the path or the Query statement (`target.nosql-table.name`), compartment from the request;
 *  - `function`: the function in the path (its compartment);
 *  - `compartment`: `compartmentId` of the query or body, else the record of the OCID in the path;
 *  - `tenancy`: the tenancy itself.
 */
export type TargetKind = 'bucket' | 'table' | 'function' | 'compartment' | 'tenancy';

export interface OperationSpec {
  /** every one must be granted */
  permissions: string[];
  target: TargetKind;
  /** a second target the operation also acts on (ExportImage writes into a bucket) */
  also?: { permissions: string[]; target: 'exportBucket' };
  /** a choice made where the reference page is silent */
  note?: string;
  /** the answer to a denial when it is not 404 NotAuthorizedOrNotFound */
  denial?: { status: number; code: string };
}

const op = (permissions: string[], target: TargetKind, extra: Partial<OperationSpec> = {}): OperationSpec => ({
  permissions,
  target,
  ...extra,
});

/** `service:Operation` → what it needs. An operation missing here is refused to every principal but the admin (named in the log). */
export const OPERATIONS: Readonly<Record<string, OperationSpec>> = {
  // objectstorage (objectstoragepolicyreference.htm)
  'objectstorage:GetNamespace': op([], 'tenancy', { note: 'no permission required' }),
  'objectstorage:GetNamespaceMetadata': op(['OBJECTSTORAGE_NAMESPACE_READ'], 'tenancy'),
  'objectstorage:CreateBucket': op(['BUCKET_CREATE'], 'compartment'),
  'objectstorage:ListBuckets': op(['BUCKET_INSPECT'], 'compartment'),
  'objectstorage:GetBucket': op(['BUCKET_READ'], 'bucket'),
  'objectstorage:HeadBucket': op(['BUCKET_INSPECT'], 'bucket'),
  'objectstorage:UpdateBucket': op(['BUCKET_UPDATE'], 'bucket'),
  'objectstorage:DeleteBucket': op(['BUCKET_DELETE'], 'bucket'),
  'objectstorage:ListObjects': op(['OBJECT_INSPECT'], 'bucket'),
  'objectstorage:GetObject': op(['OBJECT_READ'], 'bucket'),
  'objectstorage:HeadObject': op(['OBJECT_READ'], 'bucket'),
  'objectstorage:PutObject': op(['OBJECT_CREATE'], 'bucket', {
    note: 'OBJECT_OVERWRITE too when the object exists: not modelled (create only)',
  }),
  'objectstorage:DeleteObject': op(['OBJECT_DELETE'], 'bucket'),
  'objectstorage:RenameObject': op(['OBJECT_CREATE', 'OBJECT_DELETE'], 'bucket'),
  'objectstorage:CreateMultipartUpload': op(['OBJECT_CREATE'], 'bucket'),
  'objectstorage:UploadPart': op(['OBJECT_CREATE'], 'bucket'),
  'objectstorage:CommitMultipartUpload': op(['OBJECT_CREATE'], 'bucket'),
  'objectstorage:AbortMultipartUpload': op(['OBJECT_DELETE'], 'bucket'),
  'objectstorage:ListMultipartUploads': op(['OBJECT_INSPECT'], 'bucket'),
  'objectstorage:ListMultipartUploadParts': op(['OBJECT_INSPECT'], 'bucket'),
  'objectstorage:CreatePreauthenticatedRequest': op(['PAR_MANAGE'], 'bucket', {
    note: 'plus the object permission the PAR hands out (ObjectRead → OBJECT_READ, ObjectWrite → OBJECT_CREATE): "you must have the permissions the PAR grants" (Using Pre-Authenticated Requests)',
  }),
  'objectstorage:ListPreauthenticatedRequests': op(['PAR_MANAGE'], 'bucket'),
  'objectstorage:GetPreauthenticatedRequest': op(['PAR_MANAGE'], 'bucket'),
  'objectstorage:DeletePreauthenticatedRequest': op(['PAR_MANAGE'], 'bucket'),
  // nosql (policy-reference.html); table requests name the compartment
  'nosql:CreateTable': op(['NOSQL_TABLE_CREATE'], 'compartment'),
  'nosql:ListTables': op(['NOSQL_TABLE_INSPECT'], 'compartment'),
  'nosql:GetTable': op(['NOSQL_TABLE_READ'], 'table'),
  'nosql:UpdateTable': op(['NOSQL_TABLE_ALTER'], 'table'),
  'nosql:DeleteTable': op(['NOSQL_TABLE_DROP'], 'table'),
  'nosql:GetWorkRequest': op(['NOSQL_TABLE_READ'], 'compartment', {
    note: 'work requests: NOSQL_TABLE_READ (the page lists them under read nosql-tables)',
  }),
  'nosql:GetRow': op(['NOSQL_ROWS_READ'], 'table'),
  'nosql:UpdateRow': op(['NOSQL_ROWS_INSERT'], 'table'),
  'nosql:DeleteRow': op(['NOSQL_ROWS_DELETE'], 'table'),
  'nosql:Query': op(['NOSQL_ROWS_READ'], 'table', { note: 'a DELETE statement needs NOSQL_ROWS_DELETE instead' }),
  // functions (functionspolicyreference.htm)
  'functions:InvokeFunction': op(['FN_INVOCATION'], 'function'),
  'functions:GetFunction': op(['FN_FUNCTION_READ'], 'function'),
  // compute (corepolicyreference.htm)
  'compute:LaunchInstance': op(
    ['INSTANCE_CREATE', 'INSTANCE_IMAGE_READ', 'VNIC_CREATE', 'VNIC_ATTACH', 'SUBNET_ATTACH'],
    'compartment',
  ),
  'compute:GetInstance': op(['INSTANCE_READ'], 'compartment'),
  'compute:ListInstances': op(['INSTANCE_INSPECT'], 'compartment'),
  'compute:UpdateInstance': op(['INSTANCE_UPDATE'], 'compartment'),
  'compute:InstanceAction': op(['INSTANCE_POWER_ACTIONS'], 'compartment'),
  'compute:TerminateInstance': op(['INSTANCE_DELETE', 'VNIC_DELETE', 'SUBNET_DETACH'], 'compartment'),
  'compute:ListVnicAttachments': op(['VNIC_ATTACHMENT_READ'], 'compartment'),
  'compute:GetVnicAttachment': op(['VNIC_ATTACHMENT_READ'], 'compartment'),
  'compute:ListImages': op(['INSTANCE_IMAGE_INSPECT'], 'compartment'),
  'compute:GetImage': op(['INSTANCE_IMAGE_READ'], 'compartment'),
  'compute:CreateImage': op(['INSTANCE_IMAGE_CREATE'], 'compartment', {
    note: "plus INSTANCE_CREATE_IMAGE on the instance (in the instance's compartment): the page lists CreateImage as INSTANCE_IMAGE_CREATE + INSTANCE_CREATE_IMAGE",
  }),
  'compute:ExportImage': op(['INSTANCE_IMAGE_READ'], 'compartment', {
    also: { permissions: ['OBJECT_CREATE'], target: 'exportBucket' },
    note: 'the object written to the bucket needs OBJECT_CREATE there (Exporting an Image: write access to the bucket)',
  }),
  'compute:UpdateImage': op(['INSTANCE_IMAGE_UPDATE'], 'compartment'),
  'compute:DeleteImage': op(['INSTANCE_IMAGE_DELETE'], 'compartment'),
  'compute:ListShapes': op(['INSTANCE_INSPECT'], 'compartment'),
  // compute work requests (oci-workrequests; corepolicyreference.htm "compute-work-requests" is not on every version: the
  // permission of the image the work request is about is what the page's note says; we check INSTANCE_IMAGE_READ)
  'workrequests:GetWorkRequest': op(['INSTANCE_IMAGE_READ'], 'compartment', {
    note: 'the work request is read with the permission on its resource (the image)',
  }),
  'workrequests:ListWorkRequestErrors': op(['INSTANCE_IMAGE_READ'], 'compartment'),
  'workrequests:ListWorkRequestLogs': op(['INSTANCE_IMAGE_READ'], 'compartment'),
  'workrequests:ListWorkRequests': op(['INSTANCE_IMAGE_INSPECT'], 'compartment'),
  // network (corepolicyreference.htm)
  'network:ListVcns': op(['VCN_READ'], 'compartment'),
  'network:GetVcn': op(['VCN_READ'], 'compartment'),
  'network:CreateVcn': op(['VCN_CREATE'], 'compartment'),
  'network:UpdateVcn': op(['VCN_UPDATE'], 'compartment'),
  'network:DeleteVcn': op(['VCN_DELETE'], 'compartment'),
  'network:ListSubnets': op(['SUBNET_READ'], 'compartment'),
  'network:GetSubnet': op(['SUBNET_READ'], 'compartment'),
  'network:CreateSubnet': op(
    ['SUBNET_CREATE', 'VCN_ATTACH', 'ROUTE_TABLE_ATTACH', 'SECURITY_LIST_ATTACH'],
    'compartment',
  ),
  'network:UpdateSubnet': op(['SUBNET_UPDATE'], 'compartment'),
  'network:DeleteSubnet': op(
    ['SUBNET_DELETE', 'VCN_DETACH', 'ROUTE_TABLE_DETACH', 'SECURITY_LIST_DETACH'],
    'compartment',
  ),
  'network:ListInternetGateways': op(['INTERNET_GATEWAY_READ'], 'compartment'),
  'network:GetInternetGateway': op(['INTERNET_GATEWAY_READ'], 'compartment'),
  'network:CreateInternetGateway': op(['INTERNET_GATEWAY_CREATE', 'VCN_ATTACH'], 'compartment'),
  'network:UpdateInternetGateway': op(['INTERNET_GATEWAY_UPDATE'], 'compartment'),
  'network:DeleteInternetGateway': op(['INTERNET_GATEWAY_DELETE', 'VCN_DETACH'], 'compartment'),
  'network:ListRouteTables': op(['ROUTE_TABLE_READ'], 'compartment'),
  'network:GetRouteTable': op(['ROUTE_TABLE_READ'], 'compartment'),
  'network:CreateRouteTable': op(['ROUTE_TABLE_CREATE', 'VCN_ATTACH'], 'compartment'),
  'network:UpdateRouteTable': op(['ROUTE_TABLE_UPDATE'], 'compartment'),
  'network:DeleteRouteTable': op(['ROUTE_TABLE_DELETE', 'VCN_DETACH'], 'compartment'),
  'network:ListSecurityLists': op(['SECURITY_LIST_READ'], 'compartment'),
  'network:GetSecurityList': op(['SECURITY_LIST_READ'], 'compartment'),
  'network:CreateSecurityList': op(['SECURITY_LIST_CREATE', 'VCN_ATTACH'], 'compartment'),
  'network:UpdateSecurityList': op(['SECURITY_LIST_UPDATE'], 'compartment'),
  'network:DeleteSecurityList': op(['SECURITY_LIST_DELETE', 'VCN_DETACH'], 'compartment'),
  'network:GetVnic': op(['VNIC_READ'], 'compartment'),
  'network:UpdateVnic': op(['VNIC_UPDATE'], 'compartment'),
  'network:ListPublicIps': op(['PUBLIC_IP_READ'], 'compartment'),
  'network:GetPublicIp': op(['PUBLIC_IP_READ'], 'compartment'),
  'network:CreatePublicIp': op(['PUBLIC_IP_CREATE'], 'compartment'),
  'network:UpdatePublicIp': op(['PUBLIC_IP_UPDATE'], 'compartment'),
  'network:DeletePublicIp': op(['PUBLIC_IP_DELETE'], 'compartment'),
  'network:ListPrivateIps': op(['PRIVATE_IP_READ'], 'compartment'),
  'network:GetPrivateIp': op(['PRIVATE_IP_READ'], 'compartment'),
  // identity (iampolicyreference.htm)
  'identity:ListCompartments': op(['COMPARTMENT_INSPECT'], 'compartment'),
  'identity:GetCompartment': op(['COMPARTMENT_INSPECT'], 'compartment'),
  'identity:CreateCompartment': op(['COMPARTMENT_CREATE'], 'compartment'),
  'identity:UpdateCompartment': op(['COMPARTMENT_UPDATE'], 'compartment'),
  'identity:DeleteCompartment': op(['COMPARTMENT_DELETE'], 'compartment'),
  'identity:ListAvailabilityDomains': op([], 'tenancy', { note: 'no permission required' }),
  'identity:ListFaultDomains': op([], 'tenancy', { note: 'no permission required' }),
  'identity:GetTenancy': op(['TENANCY_INSPECT'], 'tenancy'),
  // monitoring (monitoringpolicyreference.htm)
  'monitoring:SummarizeMetricsData': op(['METRIC_INSPECT', 'METRIC_READ'], 'compartment'),
  // database (databasepolicyreference.htm)
  'database:ListAutonomousDatabases': op(['AUTONOMOUS_DATABASE_INSPECT'], 'compartment'),
  'database:GetAutonomousDatabase': op(['AUTONOMOUS_DATABASE_INSPECT'], 'compartment'),
  // mysql
  'mysql:ListDbSystems': op(['MYSQL_INSTANCE_INSPECT'], 'compartment'),
  'mysql:GetDbSystem': op(['MYSQL_INSTANCE_READ'], 'compartment'),
  // containerengine (contengpolicyreference.htm)
  'containerengine:ListClusters': op(['CLUSTER_INSPECT'], 'compartment'),
  'containerengine:GetCluster': op(['CLUSTER_READ'], 'compartment'),
  'containerengine:ListNodePools': op(['CLUSTER_NODE_POOL_INSPECT'], 'compartment'),
  'containerengine:GetNodePool': op(['CLUSTER_NODE_POOL_READ'], 'compartment'),
  // apigateway (apigatewaypolicyreference.htm)
  'apigateway:ListGateways': op(['API_GATEWAY_INSPECT'], 'compartment'),
  'apigateway:GetGateway': op(['API_GATEWAY_READ'], 'compartment'),
  'apigateway:ListDeployments': op(['API_DEPLOYMENT_INSPECT'], 'compartment'),
  'apigateway:GetDeployment': op(['API_DEPLOYMENT_READ'], 'compartment'),
  // loadbalancer (lbpolicyreference.htm)
  'loadbalancer:ListLoadBalancers': op(['LOAD_BALANCER_INSPECT'], 'compartment'),
  'loadbalancer:GetLoadBalancer': op(['LOAD_BALANCER_READ'], 'compartment'),
  'loadbalancer:ListBackendSets': op(['LOAD_BALANCER_READ'], 'compartment'),
  'loadbalancer:GetBackendSet': op(['LOAD_BALANCER_READ'], 'compartment'),
  'loadbalancer:GetBackendSetHealth': op(['LOAD_BALANCER_READ'], 'compartment'),
  'loadbalancer:GetBackendHealth': op(['LOAD_BALANCER_READ'], 'compartment'),
  'loadbalancer:GetLoadBalancerHealth': op(['LOAD_BALANCER_READ'], 'compartment'),
  'loadbalancer:ListLoadBalancerHealths': op(['LOAD_BALANCER_READ'], 'compartment'),
};
