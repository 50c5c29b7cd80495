/**
 * The deployment's IAM model, as data: one dynamic group per function (matching that function's
 * OCID), the statements each function needs for the OCI operations its code calls and no more,
 * and the statements of the services acting on the functions (API Gateway, the Events service,
 * the reconcile schedule). Terraform (`infra/oci/iam.tf` via `scripts/oci-infra.ts` →
 * `generated/stack.json`) and the local stack (its emulator enforces them) render the same
 * templates; docs/iam.md has the table function → OCI operations → permission → statement.
 *
 * Templates use these tokens, replaced by Terraform or the local stack:
 *   @PREFIX@            name prefix of the dynamic groups (`var.name_prefix`; locally `local`)
 *   @FN_ID_<FN>@        the function's OCID (dynamic-group matching rules)
 *   @APP@               `compartment id <the deployment's compartment>`
 *   @APP_ID@            that compartment's OCID alone (inside conditions)
 *   @INVENTORY@         where `resources` and `exports` may read instances etc. (`var.inventory_scope`)
 *   @FILES_BUCKET@      the user-files bucket
 *   @EXPORT_BUCKET@     one export bucket (statements with `forEach: 'exportBucket'` repeat per bucket:
 *                       EXPORTS_BUCKET and every EXPORT_BUCKETS entry)
 *   @TABLE_PREFIX@      NoSQL table name prefix
 *   @SCHEDULE_ID@       the reconcile schedule's OCID
 *   @NETWORK@           `compartment id <the subnets' compartment>` (deploy only)
 */
import { FUNCTIONS, FUNCTION_SPECS, type FunctionName } from './manifest.ts';

/**
 * The end-to-end flows the statements exist for (test/integration/iam-statements.test.ts runs
 * each as the functions' OCI calls against the emulator and removes every statement in turn).
 */
export const FLOWS = {
  gateway: 'gateway delegates a field (invoke a domain function)',
  apigateway: 'client → API Gateway → gateway function',
  events: 'bucket/image event → Events → quota, exports',
  schedule: 'schedule → exports reconcile',
  presignUpload: 'presign: upload URL',
  presignFiles: 'presign: list files, download URL, delete file',
  quota: 'quota: settle an object event',
  resourcesCache: 'resources: cached lists',
  resourcesInventory: 'resources: inventory (compartments, instances, addresses)',
  resourcesServices: 'resources: services (databases, MySQL, Kubernetes, API gateways, load balancers)',
  resourcesMetrics: 'resources: metrics',
  resourcesActions: 'resources: instance action, launch, terminate',
  exports: 'exports: start → image → export → download URL → cleanup',
  deployOnly: '(deploy only: the Functions platform)',
} as const;
export type Flow = (typeof FLOWS)[keyof typeof FLOWS];

/** One dynamic group per function: its matching rule names the function's OCID. */
export interface DynamicGroupTemplate {
  function: FunctionName;
  name: string;
  matchingRule: string;
}

export const DYNAMIC_GROUPS: readonly DynamicGroupTemplate[] = FUNCTIONS.map((fn) => ({
  function: fn,
  name: `@PREFIX@-${fn}`,
  matchingRule: `ALL {resource.type = 'fnfunc', resource.id = '@FN_ID_${fn.toUpperCase()}@'}`,
}));

/** Who a statement is for (the policy it goes into). */
export type Grantee = FunctionName | 'apigateway' | 'events' | 'schedule' | 'faas';

export interface StatementTemplate {
  /** stable id, used by tests and docs */
  id: string;
  grantee: Grantee;
  text: string;
  /** the OCI operations (and their permissions) this statement exists for */
  covers: string[];
  /** the end-to-end flow that fails without it (test/integration/iam-statements.test.ts removes each in turn) */
  flow: Flow;
  /** one statement per export bucket */
  forEach?: 'exportBucket';
  /**
   * only with that Terraform switch (instanceManagement: `allow_instance_management`; readOnly: without
   * it, where the `manage` statements that cover these reads are absent; schedule:
   * `reconcile_schedule`); `deployOnly`: the Functions platform's own needs (image pull, subnet),
   * which the local stack has no counterpart for, so no local flow can show them
   */
  when?: 'instanceManagement' | 'readOnly' | 'schedule' | 'deployOnly';
}

const dg = (fn: FunctionName) => `dynamic-group @PREFIX@-${fn}`;
const anyPermission = (ps: string[]) => `any {${ps.map((p) => `request.permission = '${p}'`).join(', ')}}`;
const tablesOf = (fn: FunctionName) =>
  `any {${FUNCTION_SPECS[fn].tables.map((t) => `target.nosql-table.name = '@TABLE_PREFIX@${t}'`).join(', ')}}`;

const rows = (fn: FunctionName, flow: Flow): StatementTemplate => ({
  id: `${fn}-rows`,
  grantee: fn,
  flow,
  text: `Allow ${dg(fn)} to use nosql-rows in @APP@ where ${tablesOf(fn)}`,
  covers: [
    'GetRow, Query (NOSQL_ROWS_READ)',
    'UpdateRow (NOSQL_ROWS_INSERT)',
    'DeleteRow, Query DELETE (NOSQL_ROWS_DELETE)',
  ],
});

export const STATEMENTS: readonly StatementTemplate[] = [
  // gateway: delegates every domain field through the Functions invoke API
  {
    id: 'gateway-invoke',
    grantee: 'gateway',
    flow: FLOWS.gateway,
    text: `Allow ${dg('gateway')} to use fn-invocation in @APP@`,
    covers: ['InvokeFunction (FN_INVOCATION)'],
  },

  // presign: upload/download URLs, listing and deleting the caller's files (user-files only)
  {
    id: 'presign-objects',
    grantee: 'presign',
    flow: FLOWS.presignFiles,
    text:
      `Allow ${dg('presign')} to manage objects in @APP@ where all {target.bucket.name = '@FILES_BUCKET@', ` +
      `${anyPermission(['OBJECT_INSPECT', 'OBJECT_READ', 'OBJECT_CREATE', 'OBJECT_DELETE'])}}`,
    covers: [
      'ListObjects (OBJECT_INSPECT)',
      'HeadObject (OBJECT_READ)',
      'DeleteObject (OBJECT_DELETE)',
      'CreatePreauthenticatedRequest: the access it hands out (OBJECT_READ / OBJECT_CREATE)',
    ],
  },
  {
    id: 'presign-pars',
    grantee: 'presign',
    flow: FLOWS.presignUpload,
    text:
      `Allow ${dg('presign')} to manage buckets in @APP@ where all {target.bucket.name = '@FILES_BUCKET@', ` +
      `request.permission = 'PAR_MANAGE'}`,
    covers: ['CreatePreauthenticatedRequest (PAR_MANAGE)'],
  },
  rows('presign', FLOWS.presignUpload),

  // quota: settles usage from object events (HEAD of the object), reads and writes the ledger
  {
    id: 'quota-objects',
    grantee: 'quota',
    flow: FLOWS.quota,
    text:
      `Allow ${dg('quota')} to read objects in @APP@ where all {target.bucket.name = '@FILES_BUCKET@', ` +
      `request.permission = 'OBJECT_READ'}`,
    covers: ['HeadObject (OBJECT_READ)'],
  },
  rows('quota', FLOWS.quota),

  // resources: the dashboard's inventory and the operator's instance actions
  rows('resources', FLOWS.resourcesCache),
  {
    id: 'resources-compartments',
    grantee: 'resources',
    flow: FLOWS.resourcesInventory,
    text: `Allow ${dg('resources')} to inspect compartments in @INVENTORY@`,
    covers: ['ListCompartments, GetCompartment (COMPARTMENT_INSPECT)'],
  },
  {
    id: 'resources-instances',
    grantee: 'resources',
    flow: FLOWS.resourcesInventory,
    when: 'readOnly',
    text: `Allow ${dg('resources')} to read instance-family in @INVENTORY@`,
    covers: [
      'ListInstances, ListShapes (INSTANCE_INSPECT)',
      'GetInstance (INSTANCE_READ)',
      'ListVnicAttachments (VNIC_ATTACHMENT_READ)',
      'ListImages, GetImage (INSTANCE_IMAGE_INSPECT/READ)',
    ],
  },
  {
    id: 'resources-network',
    grantee: 'resources',
    flow: FLOWS.resourcesInventory,
    when: 'readOnly',
    text: `Allow ${dg('resources')} to read virtual-network-family in @INVENTORY@`,
    covers: [
      'GetVnic (VNIC_READ)',
      'ListPrivateIps (PRIVATE_IP_READ)',
      'ListPublicIps (PUBLIC_IP_READ)',
      'ListVcns, ListSubnets, ... (read)',
    ],
  },
  {
    id: 'resources-databases',
    grantee: 'resources',
    flow: FLOWS.resourcesServices,
    text: `Allow ${dg('resources')} to read autonomous-database-family in @INVENTORY@`,
    covers: ['ListAutonomousDatabases, GetAutonomousDatabase (AUTONOMOUS_DATABASE_INSPECT)'],
  },
  {
    id: 'resources-mysql',
    grantee: 'resources',
    flow: FLOWS.resourcesServices,
    text: `Allow ${dg('resources')} to read mysql-family in @INVENTORY@`,
    covers: ['ListDbSystems (MYSQL_INSTANCE_INSPECT)', 'GetDbSystem (MYSQL_INSTANCE_READ)'],
  },
  {
    id: 'resources-oke',
    grantee: 'resources',
    flow: FLOWS.resourcesServices,
    text: `Allow ${dg('resources')} to read cluster-family in @INVENTORY@`,
    covers: ['ListClusters (CLUSTER_INSPECT)', 'ListNodePools (CLUSTER_NODE_POOL_INSPECT)'],
  },
  {
    id: 'resources-apigateway',
    grantee: 'resources',
    flow: FLOWS.resourcesServices,
    text: `Allow ${dg('resources')} to read api-gateway-family in @INVENTORY@`,
    covers: ['ListGateways (API_GATEWAY_INSPECT)', 'ListDeployments (API_DEPLOYMENT_INSPECT)'],
  },
  {
    id: 'resources-loadbalancers',
    grantee: 'resources',
    flow: FLOWS.resourcesServices,
    text: `Allow ${dg('resources')} to read load-balancers in @INVENTORY@`,
    covers: [
      'ListLoadBalancers (LOAD_BALANCER_INSPECT)',
      'GetLoadBalancer, GetLoadBalancerHealth, GetBackendSetHealth (LOAD_BALANCER_READ)',
    ],
  },
  {
    id: 'resources-metrics',
    grantee: 'resources',
    flow: FLOWS.resourcesMetrics,
    text: `Allow ${dg('resources')} to read metrics in @INVENTORY@`,
    covers: ['SummarizeMetricsData (METRIC_INSPECT, METRIC_READ)'],
  },
  {
    id: 'resources-instance-actions',
    grantee: 'resources',
    flow: FLOWS.resourcesActions,
    when: 'instanceManagement',
    text: `Allow ${dg('resources')} to manage instance-family in @INVENTORY@`,
    covers: [
      'InstanceAction (INSTANCE_POWER_ACTIONS)',
      'LaunchInstance (INSTANCE_CREATE, INSTANCE_IMAGE_READ)',
      'TerminateInstance (INSTANCE_DELETE)',
      'and every read of resources-instances, which it replaces',
    ],
  },
  {
    id: 'resources-instance-network',
    grantee: 'resources',
    flow: FLOWS.resourcesActions,
    when: 'instanceManagement',
    text: `Allow ${dg('resources')} to manage virtual-network-family in @INVENTORY@`,
    covers: [
      'every read of resources-network, which it replaces',
      'LaunchInstance (VNIC_CREATE, VNIC_ATTACH, SUBNET_ATTACH)',
      'TerminateInstance (VNIC_DELETE, SUBNET_DETACH)',
      'CreateVcn/Subnet/InternetGateway/RouteTable, UpdateSecurityList, Delete* of the dash-vcn network',
    ],
  },

  // exports: image of an instance → export to a bucket → download URL; the temporary image lives in @APP@
  rows('exports', FLOWS.exports),
  {
    id: 'exports-instances',
    grantee: 'exports',
    flow: FLOWS.exports,
    text: `Allow ${dg('exports')} to {INSTANCE_READ, INSTANCE_CREATE_IMAGE} in @INVENTORY@`,
    covers: ['GetInstance (INSTANCE_READ)', "CreateImage: the instance's INSTANCE_CREATE_IMAGE"],
  },
  {
    id: 'exports-images',
    grantee: 'exports',
    flow: FLOWS.exports,
    text: `Allow ${dg('exports')} to {INSTANCE_IMAGE_CREATE, INSTANCE_IMAGE_READ, INSTANCE_IMAGE_DELETE} in @APP@`,
    covers: [
      'CreateImage (INSTANCE_IMAGE_CREATE)',
      'GetImage, ExportImage, GetWorkRequest, ListWorkRequestErrors (INSTANCE_IMAGE_READ)',
      'DeleteImage (INSTANCE_IMAGE_DELETE)',
    ],
  },
  {
    id: 'exports-objects',
    grantee: 'exports',
    flow: FLOWS.exports,
    forEach: 'exportBucket',
    text:
      `Allow ${dg('exports')} to manage objects in @APP@ where all {target.bucket.name = '@EXPORT_BUCKET@', ` +
      `${anyPermission(['OBJECT_INSPECT', 'OBJECT_READ', 'OBJECT_CREATE', 'OBJECT_DELETE'])}}`,
    covers: [
      'ListObjects (OBJECT_INSPECT)',
      'HeadObject, download PAR (OBJECT_READ)',
      'ExportImage into the bucket (OBJECT_CREATE)',
      'DeleteObject (OBJECT_DELETE)',
    ],
  },
  {
    id: 'exports-pars',
    grantee: 'exports',
    flow: FLOWS.exports,
    forEach: 'exportBucket',
    text:
      `Allow ${dg('exports')} to manage buckets in @APP@ where all {target.bucket.name = '@EXPORT_BUCKET@', ` +
      `request.permission = 'PAR_MANAGE'}`,
    covers: ['CreatePreauthenticatedRequest (PAR_MANAGE)'],
  },

  // services acting on the functions
  {
    id: 'apigateway-invoke',
    grantee: 'apigateway',
    flow: FLOWS.apigateway,
    // API Gateway "Adding a Function in OCI Functions as an API Gateway Back End"
    text:
      "Allow any-user to use functions-family in @APP@ where all {request.principal.type = 'ApiGateway', " +
      "request.resource.compartment.id = '@APP_ID@'}",
    covers: ["InvokeFunction (FN_INVOCATION) by the deployment's API gateway"],
  },
  {
    id: 'events-invoke',
    grantee: 'events',
    flow: FLOWS.events,
    // Events "Events and IAM Policies", "Allow the Events Service to Deliver Events to Action Resources"
    text: 'Allow service cloudEvents to use functions-family in @APP@',
    covers: ["InvokeFunction (FN_INVOCATION) of the rules' actions"],
  },
  {
    id: 'schedule-invoke',
    grantee: 'schedule',
    flow: FLOWS.schedule,
    when: 'schedule',
    // Resource Scheduler "Example Policies" (request.principal.type = 'resourceschedule'), narrowed to the invoke
    text:
      "Allow any-user to use fn-invocation in @APP@ where all {request.principal.type = 'resourceschedule', " +
      "request.principal.id = '@SCHEDULE_ID@'}",
    covers: ['InvokeFunction (FN_INVOCATION) of exports by the reconcile schedule'],
  },

  // the Functions service itself (Functions "Policies Required
  // by OCI Functions"): pull the image, attach to the subnets
  {
    id: 'faas-network',
    grantee: 'faas',
    flow: FLOWS.deployOnly,
    when: 'deployOnly',
    text: 'Allow service faas to use virtual-network-family in @NETWORK@',
    covers: ['the Functions platform, not the code'],
  },
  {
    id: 'faas-repos',
    grantee: 'faas',
    flow: FLOWS.deployOnly,
    when: 'deployOnly',
    text: 'Allow service faas to read repos in tenancy',
    covers: ['the Functions platform, not the code'],
  },
];
