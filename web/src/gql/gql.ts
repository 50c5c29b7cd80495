/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Me {\n    me { userId roles }\n  }\n": typeof types.MeDocument,
    "\n  query Compartments($after: String) {\n    compartments(first: 150, after: $after) {\n      totalCount\n      nodes { id name path depth parentId lifecycleState }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.CompartmentsDocument,
    "\n  query Resources($compartmentId: ID!, $includeSubtree: Boolean, $fresh: Boolean, $after: String) {\n    resources(compartmentId: $compartmentId, includeSubtree: $includeSubtree, fresh: $fresh, first: 40, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      healthSummary { status count }\n      nodes {\n        id kind displayName compartmentId lifecycleState\n        health { status reason }\n        ... on Instance { shape ocpus memoryInGBs privateIps publicIps }\n        ... on Database { engine version }\n        ... on Cluster { kubernetesVersion }\n        ... on LoadBalancer { shape ipAddresses }\n        ... on ApiGateway { hostname }\n      }\n    }\n  }\n": typeof types.ResourcesDocument,
    "\n  query Instance($id: ID!) {\n    instance(id: $id) { id displayName lifecycleState health { status reason } }\n  }\n": typeof types.InstanceDocument,
    "\n  mutation InstanceAction($id: ID!, $action: InstanceActionKind!) {\n    instanceAction(id: $id, action: $action) { targetState message instance { id lifecycleState } }\n  }\n": typeof types.InstanceActionDocument,
    "\n  mutation Launch($input: LaunchInstanceInput!) {\n    launchInstance(input: $input) {\n      instance { id displayName lifecycleState shape }\n      imageId sshPublicKey generatedPrivateKey\n    }\n  }\n": typeof types.LaunchDocument,
    "\n  query Metrics($ids: [ID!]!, $names: [MetricName!]!, $window: String, $resolution: String) {\n    metrics(resourceIds: $ids, names: $names, window: $window, resolution: $resolution) {\n      resourceId name metric statistic\n      points { timestamp value }\n    }\n  }\n": typeof types.MetricsDocument,
    "\n  query Quota {\n    quota {\n      tier\n      storage { usedBytes reservedBytes limitBytes usedPct }\n      fileSize { maxBytes }\n      rateLimits { uploadsLastHour hourlyLimit uploadsLastDay dailyLimit }\n    }\n  }\n": typeof types.QuotaDocument,
    "\n  query Files($kind: FileKind!, $collectionId: ID, $after: String) {\n    files(kind: $kind, collectionId: $collectionId, first: 50, after: $after) {\n      nodes { uri name kind collectionId filename sizeBytes timeCreated }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.FilesDocument,
    "\n  mutation CreateUploadUrl($input: CreateUploadUrlInput!) {\n    createUploadUrl(input: $input) {\n      uri url method expiresAt\n      multipart { partSize partCount method header }\n    }\n  }\n": typeof types.CreateUploadUrlDocument,
    "\n  mutation CreateDownloadUrl($uri: String!) {\n    createDownloadUrl(uri: $uri, ttlSeconds: 600) { url method }\n  }\n": typeof types.CreateDownloadUrlDocument,
    "\n  mutation DeleteFile($uri: String!) {\n    deleteFile(uri: $uri) { deletedCount deletedBytes }\n  }\n": typeof types.DeleteFileDocument,
    "\n  query ExportJobs($after: String) {\n    exportJobs(first: 20, after: $after) {\n      nodes { id state percentComplete instanceId instanceName format objectUri sizeBytes startedAt finishedAt error }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.ExportJobsDocument,
    "\n  query ExportJob($id: ID!) {\n    exportJob(id: $id) {\n      id state percentComplete instanceId instanceName format objectUri sizeBytes startedAt finishedAt error\n    }\n  }\n": typeof types.ExportJobDocument,
    "\n  mutation ExportInstance($input: ExportInstanceInput!) {\n    exportInstance(input: $input) {\n      id state percentComplete instanceId instanceName format objectUri sizeBytes startedAt finishedAt error\n    }\n  }\n": typeof types.ExportInstanceDocument,
    "\n  mutation CancelExport($id: ID!) {\n    cancelExport(id: $id) {\n      id state percentComplete instanceId instanceName format objectUri sizeBytes startedAt finishedAt error\n    }\n  }\n": typeof types.CancelExportDocument,
    "\n  mutation ExportDownload($jobId: ID!) {\n    createExportDownloadUrl(jobId: $jobId, ttlSeconds: 600) { url method objectName }\n  }\n": typeof types.ExportDownloadDocument,
};
const documents: Documents = {
    "\n  query Me {\n    me { userId roles }\n  }\n": types.MeDocument,
    "\n  query Compartments($after: String) {\n    compartments(first: 150, after: $after) {\n      totalCount\n      nodes { id name path depth parentId lifecycleState }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.CompartmentsDocument,
    "\n  query Resources($compartmentId: ID!, $includeSubtree: Boolean, $fresh: Boolean, $after: String) {\n    resources(compartmentId: $compartmentId, includeSubtree: $includeSubtree, fresh: $fresh, first: 40, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      healthSummary { status count }\n      nodes {\n        id kind displayName compartmentId lifecycleState\n        health { status reason }\n        ... on Instance { shape ocpus memoryInGBs privateIps publicIps }\n        ... on Database { engine version }\n        ... on Cluster { kubernetesVersion }\n        ... on LoadBalancer { shape ipAddresses }\n        ... on ApiGateway { hostname }\n      }\n    }\n  }\n": types.ResourcesDocument,
    "\n  query Instance($id: ID!) {\n    instance(id: $id) { id displayName lifecycleState health { status reason } }\n  }\n": types.InstanceDocument,
    "\n  mutation InstanceAction($id: ID!, $action: InstanceActionKind!) {\n    instanceAction(id: $id, action: $action) { targetState message instance { id lifecycleState } }\n  }\n": types.InstanceActionDocument,
    "\n  mutation Launch($input: LaunchInstanceInput!) {\n    launchInstance(input: $input) {\n      instance { id displayName lifecycleState shape }\n      imageId sshPublicKey generatedPrivateKey\n    }\n  }\n": types.LaunchDocument,
    "\n  query Metrics($ids: [ID!]!, $names: [MetricName!]!, $window: String, $resolution: String) {\n    metrics(resourceIds: $ids, names: $names, window: $window, resolution: $resolution) {\n      resourceId name metric statistic\n      points { timestamp value }\n    }\n  }\n": types.MetricsDocument,
    "\n  query Quota {\n    quota {\n      tier\n      storage { usedBytes reservedBytes limitBytes usedPct }\n      fileSize { maxBytes }\n      rateLimits { uploadsLastHour hourlyLimit uploadsLastDay dailyLimit }\n    }\n  }\n": types.QuotaDocument,
    "\n  query Files($kind: FileKind!, $collectionId: ID, $after: String) {\n    files(kind: $kind, collectionId: $collectionId, first: 50, after: $after) {\n      nodes { uri name kind collectionId filename sizeBytes timeCreated }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.FilesDocument,
    "\n  mutation CreateUploadUrl($input: CreateUploadUrlInput!) {\n    createUploadUrl(input: $input) {\n      uri url method expiresAt\n      multipart { partSize partCount method header }\n    }\n  }\n": types.CreateUploadUrlDocument,
    "\n  mutation CreateDownloadUrl($uri: String!) {\n    createDownloadUrl(uri: $uri, ttlSeconds: 600) { url method }\n  }\n": types.CreateDownloadUrlDocument,
    "\n  mutation DeleteFile($uri: String!) {\n    deleteFile(uri: $uri) { deletedCount deletedBytes }\n  }\n": types.DeleteFileDocument,
    "\n  query ExportJobs($after: String) {\n    exportJobs(first: 20, after: $after) {\n      nodes { id state percentComplete instanceId instanceName format objectUri sizeBytes startedAt finishedAt error }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.ExportJobsDocument,
    "\n  query ExportJob($id: ID!) {\n    exportJob(id: $id) {\n      id state percentComplete instanceId instanceName format objectUri sizeBytes startedAt finishedAt error\n    }\n  }\n": types.ExportJobDocument,
    "\n  mutation ExportInstance($input: ExportInstanceInput!) {\n    exportInstance(input: $input) {\n      id state percentComplete instanceId instanceName format objectUri sizeBytes startedAt finishedAt error\n    }\n  }\n": types.ExportInstanceDocument,
    "\n  mutation CancelExport($id: ID!) {\n    cancelExport(id: $id) {\n      id state percentComplete instanceId instanceName format objectUri sizeBytes startedAt finishedAt error\n    }\n  }\n": types.CancelExportDocument,
    "\n  mutation ExportDownload($jobId: ID!) {\n    createExportDownloadUrl(jobId: $jobId, ttlSeconds: 600) { url method objectName }\n  }\n": types.ExportDownloadDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me { userId roles }\n  }\n"): (typeof documents)["\n  query Me {\n    me { userId roles }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Compartments($after: String) {\n    compartments(first: 150, after: $after) {\n      totalCount\n      nodes { id name path depth parentId lifecycleState }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query Compartments($after: String) {\n    compartments(first: 150, after: $after) {\n      totalCount\n      nodes { id name path depth parentId lifecycleState }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Resources($compartmentId: ID!, $includeSubtree: Boolean, $fresh: Boolean, $after: String) {\n    resources(compartmentId: $compartmentId, includeSubtree: $includeSubtree, fresh: $fresh, first: 40, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      healthSummary { status count }\n      nodes {\n        id kind displayName compartmentId lifecycleState\n        health { status reason }\n        ... on Instance { shape ocpus memoryInGBs privateIps publicIps }\n        ... on Database { engine version }\n        ... on Cluster { kubernetesVersion }\n        ... on LoadBalancer { shape ipAddresses }\n        ... on ApiGateway { hostname }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Resources($compartmentId: ID!, $includeSubtree: Boolean, $fresh: Boolean, $after: String) {\n    resources(compartmentId: $compartmentId, includeSubtree: $includeSubtree, fresh: $fresh, first: 40, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      healthSummary { status count }\n      nodes {\n        id kind displayName compartmentId lifecycleState\n        health { status reason }\n        ... on Instance { shape ocpus memoryInGBs privateIps publicIps }\n        ... on Database { engine version }\n        ... on Cluster { kubernetesVersion }\n        ... on LoadBalancer { shape ipAddresses }\n        ... on ApiGateway { hostname }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Instance($id: ID!) {\n    instance(id: $id) { id displayName lifecycleState health { status reason } }\n  }\n"): (typeof documents)["\n  query Instance($id: ID!) {\n    instance(id: $id) { id displayName lifecycleState health { status reason } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InstanceAction($id: ID!, $action: InstanceActionKind!) {\n    instanceAction(id: $id, action: $action) { targetState message instance { id lifecycleState } }\n  }\n"): (typeof documents)["\n  mutation InstanceAction($id: ID!, $action: InstanceActionKind!) {\n    instanceAction(id: $id, action: $action) { targetState message instance { id lifecycleState } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Launch($input: LaunchInstanceInput!) {\n    launchInstance(input: $input) {\n      instance { id displayName lifecycleState shape }\n      imageId sshPublicKey generatedPrivateKey\n    }\n  }\n"): (typeof documents)["\n  mutation Launch($input: LaunchInstanceInput!) {\n    launchInstance(input: $input) {\n      instance { id displayName lifecycleState shape }\n      imageId sshPublicKey generatedPrivateKey\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Metrics($ids: [ID!]!, $names: [MetricName!]!, $window: String, $resolution: String) {\n    metrics(resourceIds: $ids, names: $names, window: $window, resolution: $resolution) {\n      resourceId name metric statistic\n      points { timestamp value }\n    }\n  }\n"): (typeof documents)["\n  query Metrics($ids: [ID!]!, $names: [MetricName!]!, $window: String, $resolution: String) {\n    metrics(resourceIds: $ids, names: $names, window: $window, resolution: $resolution) {\n      resourceId name metric statistic\n      points { timestamp value }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Quota {\n    quota {\n      tier\n      storage { usedBytes reservedBytes limitBytes usedPct }\n      fileSize { maxBytes }\n      rateLimits { uploadsLastHour hourlyLimit uploadsLastDay dailyLimit }\n    }\n  }\n"): (typeof documents)["\n  query Quota {\n    quota {\n      tier\n      storage { usedBytes reservedBytes limitBytes usedPct }\n      fileSize { maxBytes }\n      rateLimits { uploadsLastHour hourlyLimit uploadsLastDay dailyLimit }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Files($kind: FileKind!, $collectionId: ID, $after: String) {\n    files(kind: $kind, collectionId: $collectionId, first: 50, after: $after) {\n      nodes { uri name kind collectionId filename sizeBytes timeCreated }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query Files($kind: FileKind!, $collectionId: ID, $after: String) {\n    files(kind: $kind, collectionId: $collectionId, first: 50, after: $after) {\n      nodes { uri name kind collectionId filename sizeBytes timeCreated }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUploadUrl($input: CreateUploadUrlInput!) {\n    createUploadUrl(input: $input) {\n      uri url method expiresAt\n      multipart { partSize partCount method header }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUploadUrl($input: CreateUploadUrlInput!) {\n    createUploadUrl(input: $input) {\n      uri url method expiresAt\n      multipart { partSize partCount method header }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateDownloadUrl($uri: String!) {\n    createDownloadUrl(uri: $uri, ttlSeconds: 600) { url method }\n  }\n"): (typeof documents)["\n  mutation CreateDownloadUrl($uri: String!) {\n    createDownloadUrl(uri: $uri, ttlSeconds: 600) { url method }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteFile($uri: String!) {\n    deleteFile(uri: $uri) { deletedCount deletedBytes }\n  }\n"): (typeof documents)["\n  mutation DeleteFile($uri: String!) {\n    deleteFile(uri: $uri) { deletedCount deletedBytes }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportJobs($after: String) {\n    exportJobs(first: 20, after: $after) {\n      nodes { id state percentComplete instanceId instanceName format objectUri sizeBytes startedAt finishedAt error }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query ExportJobs($after: String) {\n    exportJobs(first: 20, after: $after) {\n      nodes { id state percentComplete instanceId instanceName format objectUri sizeBytes startedAt finishedAt error }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportJob($id: ID!) {\n    exportJob(id: $id) {\n      id state percentComplete instanceId instanceName format objectUri sizeBytes startedAt finishedAt error\n    }\n  }\n"): (typeof documents)["\n  query ExportJob($id: ID!) {\n    exportJob(id: $id) {\n      id state percentComplete instanceId instanceName format objectUri sizeBytes startedAt finishedAt error\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExportInstance($input: ExportInstanceInput!) {\n    exportInstance(input: $input) {\n      id state percentComplete instanceId instanceName format objectUri sizeBytes startedAt finishedAt error\n    }\n  }\n"): (typeof documents)["\n  mutation ExportInstance($input: ExportInstanceInput!) {\n    exportInstance(input: $input) {\n      id state percentComplete instanceId instanceName format objectUri sizeBytes startedAt finishedAt error\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelExport($id: ID!) {\n    cancelExport(id: $id) {\n      id state percentComplete instanceId instanceName format objectUri sizeBytes startedAt finishedAt error\n    }\n  }\n"): (typeof documents)["\n  mutation CancelExport($id: ID!) {\n    cancelExport(id: $id) {\n      id state percentComplete instanceId instanceName format objectUri sizeBytes startedAt finishedAt error\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExportDownload($jobId: ID!) {\n    createExportDownloadUrl(jobId: $jobId, ttlSeconds: 600) { url method objectName }\n  }\n"): (typeof documents)["\n  mutation ExportDownload($jobId: ID!) {\n    createExportDownloadUrl(jobId: $jobId, ttlSeconds: 600) { url method objectName }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;