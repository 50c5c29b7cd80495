import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ExportsContext } from './resolvers.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
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

/** A pre-authenticated download of an export's file. */
export type ExportDownload = {
  __typename?: 'ExportDownload';
  /** When url stops working. */
  expiresAt: Scalars['DateTime']['output'];
  /** The method to use on url. */
  method: HttpMethod;
  /** The object name of the file. */
  objectName: Scalars['String']['output'];
  /** oci://<bucket>@<namespace>/<objectName> of the file. */
  uri: Scalars['String']['output'];
  /** A read-only pre-authenticated request URL for the exported object (no signing needed). */
  url: Scalars['String']['output'];
};

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
  bucket?: InputMaybe<Scalars['String']['input']>;
  /** Delete the temporary image once the file is written. */
  deleteImageAfterExport?: InputMaybe<Scalars['Boolean']['input']>;
  /** The file format. */
  format?: InputMaybe<ExportFormat>;
  /** 1-100 of [A-Za-z0-9._-]; default <instance name>-export-<yyyymmddhhmm>. */
  imageName?: InputMaybe<Scalars['String']['input']>;
  /** The instance to export (RUNNING or STOPPED). */
  instanceId: Scalars['ID']['input'];
  /** Default exports/<yyyy-mm-dd>/ (UTC). Empty, or relative segments ending with '/'. */
  objectNamePrefix?: InputMaybe<Scalars['String']['input']>;
};

/** An export of one instance to one file in Object Storage. */
export type ExportJob = {
  __typename?: 'ExportJob';
  /** The bucket the file goes to. */
  bucket: Scalars['String']['output'];
  /** Whether the temporary image is deleted once the file is written. */
  deleteImageAfterExport: Scalars['Boolean']['output'];
  /** Seconds from start to finish (or to now while running). */
  durationSeconds: Scalars['Int']['output'];
  /** Why the job FAILED or who CANCELED it. */
  error?: Maybe<Scalars['String']['output']>;
  /** When the job reached a terminal state. */
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The file format. */
  format: ExportFormat;
  /** The job id. */
  id: Scalars['ID']['output'];
  /** Whether the temporary image has been deleted. */
  imageDeleted: Scalars['Boolean']['output'];
  /** The custom image made from the instance (set from CREATING_IMAGE on). */
  imageId?: Maybe<Scalars['ID']['output']>;
  /** The custom image's display name. */
  imageName: Scalars['String']['output'];
  /** The exported instance. */
  instanceId: Scalars['ID']['output'];
  /** The instance's display name when the job started. */
  instanceName: Scalars['String']['output'];
  /** The object name of the file. */
  objectName: Scalars['String']['output'];
  /** oci://<bucket>@<namespace>/<objectName> */
  objectUri: Scalars['String']['output'];
  /** 0-100, following the Compute work requests of the current step. */
  percentComplete: Scalars['Int']['output'];
  /** Size of the exported file, once written. */
  sizeBytes?: Maybe<Scalars['SafeInt']['output']>;
  /** When the job started. */
  startedAt: Scalars['DateTime']['output'];
  /** Where the job is. */
  state: ExportState;
  /** When the job last changed. */
  updatedAt: Scalars['DateTime']['output'];
};

/** A page of export jobs, newest first. */
export type ExportJobConnection = {
  __typename?: 'ExportJobConnection';
  /** The jobs of this page with their cursors. */
  edges: Array<ExportJobEdge>;
  /** The jobs of this page (the edges' nodes). */
  nodes: Array<ExportJob>;
  /** Where this page sits. */
  pageInfo: PageInfo;
};

/** One export job in a connection. */
export type ExportJobEdge = {
  __typename?: 'ExportJobEdge';
  /** Pass as `after` to read the jobs after this one. */
  cursor: Scalars['String']['output'];
  /** The job. */
  node: ExportJob;
};

/** A job reconcile could not move on. */
export type ExportReconcileFailure = {
  __typename?: 'ExportReconcileFailure';
  /** What went wrong. */
  error: Scalars['String']['output'];
  /** The job. */
  jobId: Scalars['ID']['output'];
};

/** What one reconcile pass did. */
export type ExportReconcileReport = {
  __typename?: 'ExportReconcileReport';
  /** Jobs that changed state or finished their cleanup. */
  advanced: Scalars['Int']['output'];
  /** Jobs looked at (unfinished, or owing cleanup). */
  checked: Scalars['Int']['output'];
  /**
   * False when the pass ran out of time before looking at every job; the next pass resumes after the last one it
   * looked at.
   */
  complete: Scalars['Boolean']['output'];
  /** Jobs that could not be moved on. */
  failures: Array<ExportReconcileFailure>;
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

/** Operations with side effects. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Cancel a PENDING, CREATING_IMAGE or EXPORTING job; its image is deleted (operator). */
  cancelExport: ExportJob;
  /** Create a read PAR for a SUCCEEDED job's file (its owner or an admin). */
  createExportDownloadUrl: ExportDownload;
  /** Start an export; returns the job at once (operator). */
  exportInstance: ExportJob;
  /** Move every unfinished job on from the work requests and image state (operator; also scheduled). */
  reconcileExports: ExportReconcileReport;
};


/** Operations with side effects. */
export type MutationCancelExportArgs = {
  id: Scalars['ID']['input'];
};


/** Operations with side effects. */
export type MutationCreateExportDownloadUrlArgs = {
  jobId: Scalars['ID']['input'];
  ttlSeconds?: InputMaybe<Scalars['Int']['input']>;
};


/** Operations with side effects. */
export type MutationExportInstanceArgs = {
  input: ExportInstanceInput;
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
  /** One export job; NOT_FOUND when there is none. Poll it for progress. */
  exportJob: ExportJob;
  /** Export jobs, newest first. */
  exportJobs: ExportJobConnection;
};


/** Read-only entry points. */
export type QueryExportJobArgs = {
  id: Scalars['ID']['input'];
};


/** Read-only entry points. */
export type QueryExportJobsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  instanceId?: InputMaybe<Scalars['ID']['input']>;
  state?: InputMaybe<ExportState>;
};

/** Caller roles, lowest first: each role implies the ones before it. */
export type Role =
  /** Operator, plus other users' files, quotas and export jobs. */
  | 'ADMIN'
  /** Viewer, plus instance actions, launches, uploads, deletions and exports. */
  | 'OPERATOR'
  /** Reads the tenancy, its own files, quota and export jobs. */
  | 'VIEWER';



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
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  ExportDownload: ResolverTypeWrapper<ExportDownload>;
  ExportFormat: ExportFormat;
  ExportInstanceInput: ExportInstanceInput;
  ExportJob: ResolverTypeWrapper<ExportJob>;
  ExportJobConnection: ResolverTypeWrapper<ExportJobConnection>;
  ExportJobEdge: ResolverTypeWrapper<ExportJobEdge>;
  ExportReconcileFailure: ResolverTypeWrapper<ExportReconcileFailure>;
  ExportReconcileReport: ResolverTypeWrapper<ExportReconcileReport>;
  ExportState: ExportState;
  HttpMethod: HttpMethod;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Role: Role;
  SafeInt: ResolverTypeWrapper<Scalars['SafeInt']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Boolean: Scalars['Boolean']['output'];
  DateTime: Scalars['DateTime']['output'];
  ExportDownload: ExportDownload;
  ExportInstanceInput: ExportInstanceInput;
  ExportJob: ExportJob;
  ExportJobConnection: ExportJobConnection;
  ExportJobEdge: ExportJobEdge;
  ExportReconcileFailure: ExportReconcileFailure;
  ExportReconcileReport: ExportReconcileReport;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  SafeInt: Scalars['SafeInt']['output'];
  String: Scalars['String']['output'];
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type ExportDownloadResolvers<ContextType = ExportsContext, ParentType extends ResolversParentTypes['ExportDownload'] = ResolversParentTypes['ExportDownload']> = {
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  method?: Resolver<ResolversTypes['HttpMethod'], ParentType, ContextType>;
  objectName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  uri?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ExportJobResolvers<ContextType = ExportsContext, ParentType extends ResolversParentTypes['ExportJob'] = ResolversParentTypes['ExportJob']> = {
  bucket?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  deleteImageAfterExport?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  durationSeconds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  format?: Resolver<ResolversTypes['ExportFormat'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  imageDeleted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  imageId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  imageName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  instanceId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  instanceName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  objectName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  objectUri?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  percentComplete?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sizeBytes?: Resolver<Maybe<ResolversTypes['SafeInt']>, ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['ExportState'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type ExportJobConnectionResolvers<ContextType = ExportsContext, ParentType extends ResolversParentTypes['ExportJobConnection'] = ResolversParentTypes['ExportJobConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ExportJobEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['ExportJob']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type ExportJobEdgeResolvers<ContextType = ExportsContext, ParentType extends ResolversParentTypes['ExportJobEdge'] = ResolversParentTypes['ExportJobEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ExportJob'], ParentType, ContextType>;
};

export type ExportReconcileFailureResolvers<ContextType = ExportsContext, ParentType extends ResolversParentTypes['ExportReconcileFailure'] = ResolversParentTypes['ExportReconcileFailure']> = {
  error?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  jobId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type ExportReconcileReportResolvers<ContextType = ExportsContext, ParentType extends ResolversParentTypes['ExportReconcileReport'] = ResolversParentTypes['ExportReconcileReport']> = {
  advanced?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  checked?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  complete?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  failures?: Resolver<Array<ResolversTypes['ExportReconcileFailure']>, ParentType, ContextType>;
};

export type MutationResolvers<ContextType = ExportsContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  cancelExport?: Resolver<ResolversTypes['ExportJob'], ParentType, ContextType, RequireFields<MutationCancelExportArgs, 'id'>>;
  createExportDownloadUrl?: Resolver<ResolversTypes['ExportDownload'], ParentType, ContextType, RequireFields<MutationCreateExportDownloadUrlArgs, 'jobId' | 'ttlSeconds'>>;
  exportInstance?: Resolver<ResolversTypes['ExportJob'], ParentType, ContextType, RequireFields<MutationExportInstanceArgs, 'input'>>;
  reconcileExports?: Resolver<ResolversTypes['ExportReconcileReport'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = ExportsContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = ExportsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  exportJob?: Resolver<ResolversTypes['ExportJob'], ParentType, ContextType, RequireFields<QueryExportJobArgs, 'id'>>;
  exportJobs?: Resolver<ResolversTypes['ExportJobConnection'], ParentType, ContextType, RequireFields<QueryExportJobsArgs, 'first'>>;
};

export interface SafeIntScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['SafeInt'], any> {
  name: 'SafeInt';
}

export type Resolvers<ContextType = ExportsContext> = {
  DateTime?: GraphQLScalarType;
  ExportDownload?: ExportDownloadResolvers<ContextType>;
  ExportJob?: ExportJobResolvers<ContextType>;
  ExportJobConnection?: ExportJobConnectionResolvers<ContextType>;
  ExportJobEdge?: ExportJobEdgeResolvers<ContextType>;
  ExportReconcileFailure?: ExportReconcileFailureResolvers<ContextType>;
  ExportReconcileReport?: ExportReconcileReportResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  SafeInt?: GraphQLScalarType;
};

