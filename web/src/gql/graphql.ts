/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** The file to upload. */
export type CreateUploadUrlInput = {
  /**
   * datasetId, modelId or (LOG) the training job id. The first user to ask for a job's log upload URL owns
   * that job's log; anyone else asking for it gets FORBIDDEN.
   */
  collectionId: string | number;
  /**
   * The file's media type (type/subtype), checked for form only. Send it as the PUT's Content-Type header:
   * a PAR cannot restrict it, so it is not enforced.
   */
  contentType?: string | null | undefined;
  /** The file name (LOG: output.log). */
  filename: string;
  /** What the file holds. */
  kind: FileKind;
  /** Declared size; admission reserves it. A bigger upload still counts at its real size. */
  sizeBytes: number;
};

/** The database engine. */
export type DatabaseEngine =
  /** Autonomous Database. */
  | 'AUTONOMOUS'
  /** MySQL HeatWave DB system. */
  | 'MYSQL';

/** The file format of an exported image. */
export type ExportFormat =
  /** OCI's own format: QCOW2 plus metadata in a tar archive. */
  | 'OCI'
  /** QEMU copy-on-write v2. */
  | 'QCOW2'
  /** VirtualBox disk image. */
  | 'VDI'
  /** Microsoft virtual hard disk. */
  | 'VHD'
  /** VMware virtual disk. */
  | 'VMDK';

/** What to export and where. */
export type ExportInstanceInput = {
  /** Default: the exports bucket (EXPORTS_BUCKET). */
  bucket?: string | null | undefined;
  /** Delete the temporary image once the file is written. */
  deleteImageAfterExport?: boolean | null | undefined;
  /** The file format. */
  format?: ExportFormat | null | undefined;
  /** 1-100 of [A-Za-z0-9._-]; default <instance name>-export-<yyyymmddhhmm>. */
  imageName?: string | null | undefined;
  /** The instance to export (RUNNING or STOPPED). */
  instanceId: string | number;
  /** Default exports/<yyyy-mm-dd>/ (UTC). Empty, or relative segments ending with '/'. */
  objectNamePrefix?: string | null | undefined;
};

/** PENDING → CREATING_IMAGE → EXPORTING → CLEANING_UP → SUCCEEDED, or FAILED / CANCELED. */
export type ExportState =
  /** Canceled by an operator (terminal). */
  | 'CANCELED'
  /** The file is written; the temporary image is being deleted. */
  | 'CLEANING_UP'
  /** Compute is making a custom image of the instance. */
  | 'CREATING_IMAGE'
  /** Compute is writing the image to Object Storage. */
  | 'EXPORTING'
  /** A step failed; see error (terminal). */
  | 'FAILED'
  /** Accepted; the image has not been requested yet. */
  | 'PENDING'
  /** The file is in the bucket (terminal). */
  | 'SUCCEEDED';

/** What a user file holds; decides its path in the bucket. */
export type FileKind =
  /** A data set: datasets/{user}/{datasetId}/{filename}. */
  | 'DATASET'
  /** A training job's log: logs/training/{jobId}/output.log. */
  | 'LOG'
  /** A model: models/{user}/{modelId}/{filename}. */
  | 'MODEL';

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

/** What to launch. */
export type LaunchInstanceInput = {
  /** The availability domain; default the first. */
  availabilityDomain?: string | null | undefined;
  /** default 50 */
  bootVolumeSizeInGBs?: number | null | undefined;
  /** The compartment. */
  compartmentId: string | number;
  /** The display name. */
  displayName: string;
  /** the same key on a retried launch reuses the same OCI retry tokens */
  idempotencyKey?: string | null | undefined;
  /** default: the newest Ubuntu 24.04 (else 22.04) platform image for the shape */
  imageId?: string | number | null | undefined;
  /** Memory in GB (flexible shapes only). */
  memoryInGBs?: number | null | undefined;
  /** network naming prefix: <prefix>-vcn-<region> (default: dash) */
  networkPrefix?: string | null | undefined;
  /** flexible shapes only */
  ocpus?: number | null | undefined;
  /** TCP ports to open besides SSH */
  openPorts?: Array<number> | null | undefined;
  /** default VM.Standard.E2.1.Micro (Always Free) */
  shape?: string | null | undefined;
  /** OpenSSH public key; without it a key pair is generated and its private key returned once */
  sshPublicKey?: string | null | undefined;
  /** cloud-init user data (plain text); default installs K3s and Helm and writes a status file */
  userData?: string | null | undefined;
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

/**
 * Quota tiers: DEFAULT = 100 GiB storage, 10 GiB per file, 50 uploads/hour, 500/day;
 * PREMIUM = 1 TiB, 100 GiB, 500, 5000.
 */
export type QuotaTier =
  /** 100 GiB storage, 10 GiB per file, 50 uploads an hour, 500 a day. */
  | 'DEFAULT'
  /** 1 TiB storage, 100 GiB per file, 500 uploads an hour, 5000 a day. */
  | 'PREMIUM';

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

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { userId: string, roles: Array<Role> } };

export type CompartmentsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type CompartmentsQuery = { compartments: { totalCount: number, nodes: Array<{ id: string, name: string, path: string, depth: number, parentId: string | null, lifecycleState: LifecycleState }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ResourcesQueryVariables = Exact<{
  compartmentId: string | number;
  includeSubtree?: boolean | null | undefined;
  fresh?: boolean | null | undefined;
  after?: string | null | undefined;
}>;


export type ResourcesQuery = { resources: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, healthSummary: Array<{ status: HealthStatus, count: number }>, nodes: Array<
      | { hostname: string | null, id: string, kind: ResourceKind, displayName: string, compartmentId: string, lifecycleState: LifecycleState, health: { status: HealthStatus, reason: string } }
      | { kubernetesVersion: string | null, id: string, kind: ResourceKind, displayName: string, compartmentId: string, lifecycleState: LifecycleState, health: { status: HealthStatus, reason: string } }
      | { engine: DatabaseEngine, version: string | null, id: string, kind: ResourceKind, displayName: string, compartmentId: string, lifecycleState: LifecycleState, health: { status: HealthStatus, reason: string } }
      | { shape: string, ocpus: number | null, memoryInGBs: number | null, privateIps: Array<string>, publicIps: Array<string>, id: string, kind: ResourceKind, displayName: string, compartmentId: string, lifecycleState: LifecycleState, health: { status: HealthStatus, reason: string } }
      | { shape: string, ipAddresses: Array<string>, id: string, kind: ResourceKind, displayName: string, compartmentId: string, lifecycleState: LifecycleState, health: { status: HealthStatus, reason: string } }
    > } };

export type InstanceQueryVariables = Exact<{
  id: string | number;
}>;


export type InstanceQuery = { instance: { id: string, displayName: string, lifecycleState: LifecycleState, health: { status: HealthStatus, reason: string } } };

export type InstanceActionMutationVariables = Exact<{
  id: string | number;
  action: InstanceActionKind;
}>;


export type InstanceActionMutation = { instanceAction: { targetState: LifecycleState, message: string, instance: { id: string, lifecycleState: LifecycleState } } };

export type LaunchMutationVariables = Exact<{
  input: LaunchInstanceInput;
}>;


export type LaunchMutation = { launchInstance: { imageId: string, sshPublicKey: string | null, generatedPrivateKey: string | null, instance: { id: string, displayName: string, lifecycleState: LifecycleState, shape: string } } };

export type MetricsQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
  names: Array<MetricName> | MetricName;
  window?: string | null | undefined;
  resolution?: string | null | undefined;
}>;


export type MetricsQuery = { metrics: Array<{ resourceId: string, name: MetricName, metric: string, statistic: string, points: Array<{ timestamp: string, value: number }> }> };

export type QuotaQueryVariables = Exact<{ [key: string]: never; }>;


export type QuotaQuery = { quota: { tier: QuotaTier, storage: { usedBytes: number, reservedBytes: number, limitBytes: number, usedPct: number }, fileSize: { maxBytes: number }, rateLimits: { uploadsLastHour: number, hourlyLimit: number, uploadsLastDay: number, dailyLimit: number } } };

export type FilesQueryVariables = Exact<{
  kind: FileKind;
  collectionId?: string | number | null | undefined;
  after?: string | null | undefined;
}>;


export type FilesQuery = { files: { nodes: Array<{ uri: string, name: string, kind: FileKind, collectionId: string, filename: string, sizeBytes: number, timeCreated: string | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type CreateUploadUrlMutationVariables = Exact<{
  input: CreateUploadUrlInput;
}>;


export type CreateUploadUrlMutation = { createUploadUrl: { uri: string, url: string, method: HttpMethod, expiresAt: string, multipart: { partSize: number, partCount: number, method: HttpMethod, header: string } | null } };

export type CreateDownloadUrlMutationVariables = Exact<{
  uri: string;
}>;


export type CreateDownloadUrlMutation = { createDownloadUrl: { url: string, method: HttpMethod } };

export type DeleteFileMutationVariables = Exact<{
  uri: string;
}>;


export type DeleteFileMutation = { deleteFile: { deletedCount: number, deletedBytes: number } };

export type ExportJobsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type ExportJobsQuery = { exportJobs: { nodes: Array<{ id: string, state: ExportState, percentComplete: number, instanceId: string, instanceName: string, format: ExportFormat, objectUri: string, sizeBytes: number | null, startedAt: string, finishedAt: string | null, error: string | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ExportJobQueryVariables = Exact<{
  id: string | number;
}>;


export type ExportJobQuery = { exportJob: { id: string, state: ExportState, percentComplete: number, instanceId: string, instanceName: string, format: ExportFormat, objectUri: string, sizeBytes: number | null, startedAt: string, finishedAt: string | null, error: string | null } };

export type ExportInstanceMutationVariables = Exact<{
  input: ExportInstanceInput;
}>;


export type ExportInstanceMutation = { exportInstance: { id: string, state: ExportState, percentComplete: number, instanceId: string, instanceName: string, format: ExportFormat, objectUri: string, sizeBytes: number | null, startedAt: string, finishedAt: string | null, error: string | null } };

export type CancelExportMutationVariables = Exact<{
  id: string | number;
}>;


export type CancelExportMutation = { cancelExport: { id: string, state: ExportState, percentComplete: number, instanceId: string, instanceName: string, format: ExportFormat, objectUri: string, sizeBytes: number | null, startedAt: string, finishedAt: string | null, error: string | null } };

export type ExportDownloadMutationVariables = Exact<{
  jobId: string | number;
}>;


export type ExportDownloadMutation = { createExportDownloadUrl: { url: string, method: HttpMethod, objectName: string } };


export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const CompartmentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Compartments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"compartments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"150"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"depth"}},{"kind":"Field","name":{"kind":"Name","value":"parentId"}},{"kind":"Field","name":{"kind":"Name","value":"lifecycleState"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<CompartmentsQuery, CompartmentsQueryVariables>;
export const ResourcesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Resources"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"compartmentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"includeSubtree"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"fresh"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resources"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"compartmentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"compartmentId"}}},{"kind":"Argument","name":{"kind":"Name","value":"includeSubtree"},"value":{"kind":"Variable","name":{"kind":"Name","value":"includeSubtree"}}},{"kind":"Argument","name":{"kind":"Name","value":"fresh"},"value":{"kind":"Variable","name":{"kind":"Name","value":"fresh"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"40"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"healthSummary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"compartmentId"}},{"kind":"Field","name":{"kind":"Name","value":"lifecycleState"}},{"kind":"Field","name":{"kind":"Name","value":"health"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Instance"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"shape"}},{"kind":"Field","name":{"kind":"Name","value":"ocpus"}},{"kind":"Field","name":{"kind":"Name","value":"memoryInGBs"}},{"kind":"Field","name":{"kind":"Name","value":"privateIps"}},{"kind":"Field","name":{"kind":"Name","value":"publicIps"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Database"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"engine"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Cluster"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kubernetesVersion"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LoadBalancer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"shape"}},{"kind":"Field","name":{"kind":"Name","value":"ipAddresses"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ApiGateway"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hostname"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ResourcesQuery, ResourcesQueryVariables>;
export const InstanceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Instance"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"instance"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"lifecycleState"}},{"kind":"Field","name":{"kind":"Name","value":"health"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]} as unknown as DocumentNode<InstanceQuery, InstanceQueryVariables>;
export const InstanceActionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"InstanceAction"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"action"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"InstanceActionKind"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"instanceAction"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"action"},"value":{"kind":"Variable","name":{"kind":"Name","value":"action"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"targetState"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"instance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"lifecycleState"}}]}}]}}]}}]} as unknown as DocumentNode<InstanceActionMutation, InstanceActionMutationVariables>;
export const LaunchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Launch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LaunchInstanceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"launchInstance"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"instance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"lifecycleState"}},{"kind":"Field","name":{"kind":"Name","value":"shape"}}]}},{"kind":"Field","name":{"kind":"Name","value":"imageId"}},{"kind":"Field","name":{"kind":"Name","value":"sshPublicKey"}},{"kind":"Field","name":{"kind":"Name","value":"generatedPrivateKey"}}]}}]}}]} as unknown as DocumentNode<LaunchMutation, LaunchMutationVariables>;
export const MetricsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Metrics"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"names"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MetricName"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"window"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"resolution"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metrics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"resourceIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}},{"kind":"Argument","name":{"kind":"Name","value":"names"},"value":{"kind":"Variable","name":{"kind":"Name","value":"names"}}},{"kind":"Argument","name":{"kind":"Name","value":"window"},"value":{"kind":"Variable","name":{"kind":"Name","value":"window"}}},{"kind":"Argument","name":{"kind":"Name","value":"resolution"},"value":{"kind":"Variable","name":{"kind":"Name","value":"resolution"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resourceId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"statistic"}},{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]} as unknown as DocumentNode<MetricsQuery, MetricsQueryVariables>;
export const QuotaDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Quota"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"quota"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"storage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"usedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"reservedBytes"}},{"kind":"Field","name":{"kind":"Name","value":"limitBytes"}},{"kind":"Field","name":{"kind":"Name","value":"usedPct"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fileSize"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"maxBytes"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rateLimits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uploadsLastHour"}},{"kind":"Field","name":{"kind":"Name","value":"hourlyLimit"}},{"kind":"Field","name":{"kind":"Name","value":"uploadsLastDay"}},{"kind":"Field","name":{"kind":"Name","value":"dailyLimit"}}]}}]}}]}}]} as unknown as DocumentNode<QuotaQuery, QuotaQueryVariables>;
export const FilesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Files"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FileKind"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"collectionId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"files"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"collectionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"collectionId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uri"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"collectionId"}},{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"sizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"timeCreated"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<FilesQuery, FilesQueryVariables>;
export const CreateUploadUrlDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateUploadUrl"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateUploadUrlInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createUploadUrl"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uri"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"multipart"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partSize"}},{"kind":"Field","name":{"kind":"Name","value":"partCount"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"header"}}]}}]}}]}}]} as unknown as DocumentNode<CreateUploadUrlMutation, CreateUploadUrlMutationVariables>;
export const CreateDownloadUrlDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateDownloadUrl"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"uri"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createDownloadUrl"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"uri"},"value":{"kind":"Variable","name":{"kind":"Name","value":"uri"}}},{"kind":"Argument","name":{"kind":"Name","value":"ttlSeconds"},"value":{"kind":"IntValue","value":"600"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"method"}}]}}]}}]} as unknown as DocumentNode<CreateDownloadUrlMutation, CreateDownloadUrlMutationVariables>;
export const DeleteFileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteFile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"uri"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteFile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"uri"},"value":{"kind":"Variable","name":{"kind":"Name","value":"uri"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedCount"}},{"kind":"Field","name":{"kind":"Name","value":"deletedBytes"}}]}}]}}]} as unknown as DocumentNode<DeleteFileMutation, DeleteFileMutationVariables>;
export const ExportJobsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExportJobs"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exportJobs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"percentComplete"}},{"kind":"Field","name":{"kind":"Name","value":"instanceId"}},{"kind":"Field","name":{"kind":"Name","value":"instanceName"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"objectUri"}},{"kind":"Field","name":{"kind":"Name","value":"sizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<ExportJobsQuery, ExportJobsQueryVariables>;
export const ExportJobDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExportJob"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exportJob"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"percentComplete"}},{"kind":"Field","name":{"kind":"Name","value":"instanceId"}},{"kind":"Field","name":{"kind":"Name","value":"instanceName"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"objectUri"}},{"kind":"Field","name":{"kind":"Name","value":"sizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]} as unknown as DocumentNode<ExportJobQuery, ExportJobQueryVariables>;
export const ExportInstanceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ExportInstance"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ExportInstanceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exportInstance"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"percentComplete"}},{"kind":"Field","name":{"kind":"Name","value":"instanceId"}},{"kind":"Field","name":{"kind":"Name","value":"instanceName"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"objectUri"}},{"kind":"Field","name":{"kind":"Name","value":"sizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]} as unknown as DocumentNode<ExportInstanceMutation, ExportInstanceMutationVariables>;
export const CancelExportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelExport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelExport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"percentComplete"}},{"kind":"Field","name":{"kind":"Name","value":"instanceId"}},{"kind":"Field","name":{"kind":"Name","value":"instanceName"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"objectUri"}},{"kind":"Field","name":{"kind":"Name","value":"sizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]} as unknown as DocumentNode<CancelExportMutation, CancelExportMutationVariables>;
export const ExportDownloadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ExportDownload"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"jobId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createExportDownloadUrl"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"jobId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"jobId"}}},{"kind":"Argument","name":{"kind":"Name","value":"ttlSeconds"},"value":{"kind":"IntValue","value":"600"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"objectName"}}]}}]}}]} as unknown as DocumentNode<ExportDownloadMutation, ExportDownloadMutationVariables>;