/**
 * Every operation the web app sends, typed by codegen (`npm run codegen` → ./gql). Page sizes are
 * literals sized to the gateway's cost limit (5000; graphql-armor multiplies a list's cost by a
 * literal `first`): the app follows endCursor for the rest.
 */
import { graphql } from './gql/index.ts';

export const MeQuery = graphql(`
  query Me {
    me { userId roles }
  }
`);

export const CompartmentsQuery = graphql(`
  query Compartments($after: String) {
    compartments(first: 150, after: $after) {
      totalCount
      nodes { id name path depth parentId lifecycleState }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const ResourcesQuery = graphql(`
  query Resources($compartmentId: ID!, $includeSubtree: Boolean, $fresh: Boolean, $after: String) {
    resources(compartmentId: $compartmentId, includeSubtree: $includeSubtree, fresh: $fresh, first: 40, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      healthSummary { status count }
      nodes {
        id kind displayName compartmentId lifecycleState
        health { status reason }
        ... on Instance { shape ocpus memoryInGBs privateIps publicIps }
        ... on Database { engine version }
        ... on Cluster { kubernetesVersion }
        ... on LoadBalancer { shape ipAddresses }
        ... on ApiGateway { hostname }
      }
    }
  }
`);

export const InstanceQuery = graphql(`
  query Instance($id: ID!) {
    instance(id: $id) { id displayName lifecycleState health { status reason } }
  }
`);

export const InstanceActionMutation = graphql(`
  mutation InstanceAction($id: ID!, $action: InstanceActionKind!) {
    instanceAction(id: $id, action: $action) { targetState message instance { id lifecycleState } }
  }
`);

export const LaunchMutation = graphql(`
  mutation Launch($input: LaunchInstanceInput!) {
    launchInstance(input: $input) {
      instance { id displayName lifecycleState shape }
      imageId sshPublicKey generatedPrivateKey
    }
  }
`);

export const MetricsQuery = graphql(`
  query Metrics($ids: [ID!]!, $names: [MetricName!]!, $window: String, $resolution: String) {
    metrics(resourceIds: $ids, names: $names, window: $window, resolution: $resolution) {
      resourceId name metric statistic
      points { timestamp value }
    }
  }
`);

export const QuotaQuery = graphql(`
  query Quota {
    quota {
      tier
      storage { usedBytes reservedBytes limitBytes usedPct }
      fileSize { maxBytes }
      rateLimits { uploadsLastHour hourlyLimit uploadsLastDay dailyLimit }
    }
  }
`);

export const FilesQuery = graphql(`
  query Files($kind: FileKind!, $collectionId: ID, $after: String) {
    files(kind: $kind, collectionId: $collectionId, first: 50, after: $after) {
      nodes { uri name kind collectionId filename sizeBytes timeCreated }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const CreateUploadUrlMutation = graphql(`
  mutation CreateUploadUrl($input: CreateUploadUrlInput!) {
    createUploadUrl(input: $input) {
      uri url method expiresAt
      multipart { partSize partCount method header }
    }
  }
`);

export const CreateDownloadUrlMutation = graphql(`
  mutation CreateDownloadUrl($uri: String!) {
    createDownloadUrl(uri: $uri, ttlSeconds: 600) { url method }
  }
`);

export const DeleteFileMutation = graphql(`
  mutation DeleteFile($uri: String!) {
    deleteFile(uri: $uri) { deletedCount deletedBytes }
  }
`);

export const ExportJobsQuery = graphql(`
  query ExportJobs($after: String) {
    exportJobs(first: 20, after: $after) {
      nodes { id state percentComplete instanceId instanceName format objectUri sizeBytes startedAt finishedAt error }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const ExportJobQuery = graphql(`
  query ExportJob($id: ID!) {
    exportJob(id: $id) {
      id state percentComplete instanceId instanceName format objectUri sizeBytes startedAt finishedAt error
    }
  }
`);

export const ExportInstanceMutation = graphql(`
  mutation ExportInstance($input: ExportInstanceInput!) {
    exportInstance(input: $input) {
      id state percentComplete instanceId instanceName format objectUri sizeBytes startedAt finishedAt error
    }
  }
`);

export const CancelExportMutation = graphql(`
  mutation CancelExport($id: ID!) {
    cancelExport(id: $id) {
      id state percentComplete instanceId instanceName format objectUri sizeBytes startedAt finishedAt error
    }
  }
`);

export const ExportDownloadMutation = graphql(`
  mutation ExportDownload($jobId: ID!) {
    createExportDownloadUrl(jobId: $jobId, ttlSeconds: 600) { url method objectName }
  }
`);
