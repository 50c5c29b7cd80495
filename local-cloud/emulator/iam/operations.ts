/**
 * The emulated operations as data, from the tables "Permissions Required for Each API Operation" of Oracle's
 * policy reference (the pages are listed in ./permissions.ts): each `service:Operation` → the permissions it
 * needs, and how the emulator finds its target (compartment, bucket, table, function).
 */

/**
 * How the emulator finds what a request acts on:
 *  - `bucket`: the bucket in the path (`target.bucket.name`, the bucket's compartment);
 *  - `table`: the NoSQL table in the path or the Query statement (`target.nosql-table.name`), compartment from the
 *    request;
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

/**
 * `service:Operation` → what it needs. An operation missing here is refused to every principal but the admin (named in
 * the log).
 */
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
    note:
      'plus the object permission the PAR hands out (ObjectRead → OBJECT_READ, ObjectWrite → OBJECT_CREATE): ' +
      '"you must have the permissions the PAR grants" (Using Pre-Authenticated Requests)',
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
    note:
      "plus INSTANCE_CREATE_IMAGE on the instance (in the instance's compartment): " +
      'the page lists CreateImage as INSTANCE_IMAGE_CREATE + INSTANCE_CREATE_IMAGE',
  }),
  'compute:ExportImage': op(['INSTANCE_IMAGE_READ'], 'compartment', {
    also: { permissions: ['OBJECT_CREATE'], target: 'exportBucket' },
    note: 'the object written to the bucket needs OBJECT_CREATE there (Exporting an Image: write access to the bucket)',
  }),
  'compute:UpdateImage': op(['INSTANCE_IMAGE_UPDATE'], 'compartment'),
  'compute:DeleteImage': op(['INSTANCE_IMAGE_DELETE'], 'compartment'),
  'compute:ListShapes': op(['INSTANCE_INSPECT'], 'compartment'),
  // compute work requests (oci-workrequests; corepolicyreference.htm "compute-work-requests" is not on every version:
  // the permission of the image the work request is about is what the page's note says; we check INSTANCE_IMAGE_READ)
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
