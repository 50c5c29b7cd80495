import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { PresignContext } from './resolvers.ts';
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

/** The file to upload. */
export type CreateUploadUrlInput = {
  /**
   * datasetId, modelId or (LOG) the training job id. The first user to ask for a job's log upload URL owns
   * that job's log; anyone else asking for it gets FORBIDDEN.
   */
  collectionId: Scalars['ID']['input'];
  /**
   * The file's media type (type/subtype), checked for form only. Send it as the PUT's Content-Type header:
   * a PAR cannot restrict it, so it is not enforced.
   */
  contentType?: InputMaybe<Scalars['String']['input']>;
  /** The file name (LOG: output.log). */
  filename: Scalars['String']['input'];
  /** What the file holds. */
  kind: FileKind;
  /** Declared size; admission reserves it. A bigger upload still counts at its real size. */
  sizeBytes: Scalars['SafeInt']['input'];
};

/** A pre-authenticated request that can read exactly one object. */
export type DownloadUrl = {
  __typename?: 'DownloadUrl';
  /** When url stops working. */
  expiresAt: Scalars['DateTime']['output'];
  /** The method to use on url (GET). */
  method: HttpMethod;
  /** oci://{bucket}@{namespace}/{path} */
  uri: Scalars['String']['output'];
  /** PAR URL that can read exactly this object. */
  url: Scalars['String']['output'];
};

/** What a deletion removed. */
export type FileDeletion = {
  __typename?: 'FileDeletion';
  /** Bytes given back. */
  deletedBytes: Scalars['SafeInt']['output'];
  /** Files deleted. */
  deletedCount: Scalars['Int']['output'];
};

/** What a user file holds; decides its path in the bucket. */
export type FileKind =
  /** A data set: datasets/{user}/{datasetId}/{filename}. */
  | 'DATASET'
  /** A training job's log: logs/training/{jobId}/output.log. */
  | 'LOG'
  /** A model: models/{user}/{modelId}/{filename}. */
  | 'MODEL';

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

/** Settled storage of one kind. */
export type KindUsage = {
  __typename?: 'KindUsage';
  /** Bytes of that kind. */
  bytes: Scalars['SafeInt']['output'];
  /** Files of that kind. */
  files: Scalars['Int']['output'];
  /** The kind. */
  kind: FileKind;
};

/** How to upload a large file in parts through the PAR. */
export type MultipartPlan = {
  __typename?: 'MultipartPlan';
  /** The header (name: value) that starts a multipart upload. */
  header: Scalars['String']['output'];
  /** The steps in words. */
  instructions: Scalars['String']['output'];
  /** Method and header that start the upload on url. */
  method: HttpMethod;
  /** Number of parts. */
  partCount: Scalars['Int']['output'];
  /** Bytes per part (the last one may be smaller). */
  partSize: Scalars['SafeInt']['output'];
};

/** Operations with side effects. */
export type Mutation = {
  __typename?: 'Mutation';
  /** A read PAR for exactly this object, for its owner or an admin (default 86400 s, max 604800). */
  createDownloadUrl: DownloadUrl;
  /** Operator: admission (quota) then a write PAR for exactly this object (default 1 hour). */
  createUploadUrl: UploadUrl;
  /** Operator: delete every file of one of the caller's datasets. */
  deleteDataset: FileDeletion;
  /** Operator: delete one file (owner or admin); its bytes are given back. */
  deleteFile: FileDeletion;
  /** Operator: delete every file of one of the caller's models. */
  deleteModel: FileDeletion;
};


/** Operations with side effects. */
export type MutationCreateDownloadUrlArgs = {
  ttlSeconds?: InputMaybe<Scalars['Int']['input']>;
  uri: Scalars['String']['input'];
};


/** Operations with side effects. */
export type MutationCreateUploadUrlArgs = {
  input: CreateUploadUrlInput;
};


/** Operations with side effects. */
export type MutationDeleteDatasetArgs = {
  datasetId: Scalars['ID']['input'];
};


/** Operations with side effects. */
export type MutationDeleteFileArgs = {
  uri: Scalars['String']['input'];
};


/** Operations with side effects. */
export type MutationDeleteModelArgs = {
  modelId: Scalars['ID']['input'];
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
  /** The caller's files of a kind (LOG needs collectionId = the job id), in name order. */
  files: StoredFileConnection;
  /** The caller's settled storage by kind. */
  storageUsage: StorageUsage;
};


/** Read-only entry points. */
export type QueryFilesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  collectionId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  kind: FileKind;
};

/** Caller roles, lowest first: each role implies the ones before it. */
export type Role =
  /** Operator, plus other users' files, quotas and export jobs. */
  | 'ADMIN'
  /** Viewer, plus instance actions, launches, uploads, deletions and exports. */
  | 'OPERATOR'
  /** Reads the tenancy, its own files, quota and export jobs. */
  | 'VIEWER';

/** The caller's settled storage. */
export type StorageUsage = {
  __typename?: 'StorageUsage';
  /** Bytes and files per kind. */
  byKind: Array<KindUsage>;
  /** Bytes declared by upload URLs not settled yet. */
  reservedBytes: Scalars['SafeInt']['output'];
  /** Bytes of every kind. */
  totalBytes: Scalars['SafeInt']['output'];
};

/** One of the caller's files. */
export type StoredFile = {
  __typename?: 'StoredFile';
  /** The data set, model or job the file belongs to. */
  collectionId: Scalars['ID']['output'];
  /** The object's entity tag. */
  etag?: Maybe<Scalars['String']['output']>;
  /** The file name. */
  filename: Scalars['String']['output'];
  /** What the file holds. */
  kind: FileKind;
  /** Object path in the bucket. */
  name: Scalars['String']['output'];
  /** Size in bytes. */
  sizeBytes: Scalars['SafeInt']['output'];
  /** When the object was written. */
  timeCreated?: Maybe<Scalars['DateTime']['output']>;
  /** oci://{bucket}@{namespace}/{path} */
  uri: Scalars['String']['output'];
};

/** A page of files, in name order. */
export type StoredFileConnection = {
  __typename?: 'StoredFileConnection';
  /** The files of this page with their cursors. */
  edges: Array<StoredFileEdge>;
  /** The files of this page (the edges' nodes). */
  nodes: Array<StoredFile>;
  /** Where this page sits. */
  pageInfo: PageInfo;
};

/** One file in a connection. */
export type StoredFileEdge = {
  __typename?: 'StoredFileEdge';
  /** Pass as `after` to read the files after this one. */
  cursor: Scalars['String']['output'];
  /** The file. */
  node: StoredFile;
};

/** A pre-authenticated request that can write exactly one object. */
export type UploadUrl = {
  __typename?: 'UploadUrl';
  /** When url stops working. */
  expiresAt: Scalars['DateTime']['output'];
  /** The method of a single-request upload (PUT). */
  method: HttpMethod;
  /** Present when the file should be uploaded in parts (size above the single-PUT threshold). */
  multipart?: Maybe<MultipartPlan>;
  /** oci://{bucket}@{namespace}/{path} */
  uri: Scalars['String']['output'];
  /** PAR URL that can write exactly this object. */
  url: Scalars['String']['output'];
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
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  CreateUploadUrlInput: CreateUploadUrlInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DownloadUrl: ResolverTypeWrapper<DownloadUrl>;
  FileDeletion: ResolverTypeWrapper<FileDeletion>;
  FileKind: FileKind;
  HttpMethod: HttpMethod;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  KindUsage: ResolverTypeWrapper<KindUsage>;
  MultipartPlan: ResolverTypeWrapper<MultipartPlan>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Role: Role;
  SafeInt: ResolverTypeWrapper<Scalars['SafeInt']['output']>;
  StorageUsage: ResolverTypeWrapper<StorageUsage>;
  StoredFile: ResolverTypeWrapper<StoredFile>;
  StoredFileConnection: ResolverTypeWrapper<StoredFileConnection>;
  StoredFileEdge: ResolverTypeWrapper<StoredFileEdge>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  UploadUrl: ResolverTypeWrapper<UploadUrl>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Boolean: Scalars['Boolean']['output'];
  CreateUploadUrlInput: CreateUploadUrlInput;
  DateTime: Scalars['DateTime']['output'];
  DownloadUrl: DownloadUrl;
  FileDeletion: FileDeletion;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  KindUsage: KindUsage;
  MultipartPlan: MultipartPlan;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  SafeInt: Scalars['SafeInt']['output'];
  StorageUsage: StorageUsage;
  StoredFile: StoredFile;
  StoredFileConnection: StoredFileConnection;
  StoredFileEdge: StoredFileEdge;
  String: Scalars['String']['output'];
  UploadUrl: UploadUrl;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DownloadUrlResolvers<ContextType = PresignContext, ParentType extends ResolversParentTypes['DownloadUrl'] = ResolversParentTypes['DownloadUrl']> = {
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  method?: Resolver<ResolversTypes['HttpMethod'], ParentType, ContextType>;
  uri?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type FileDeletionResolvers<ContextType = PresignContext, ParentType extends ResolversParentTypes['FileDeletion'] = ResolversParentTypes['FileDeletion']> = {
  deletedBytes?: Resolver<ResolversTypes['SafeInt'], ParentType, ContextType>;
  deletedCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type KindUsageResolvers<ContextType = PresignContext, ParentType extends ResolversParentTypes['KindUsage'] = ResolversParentTypes['KindUsage']> = {
  bytes?: Resolver<ResolversTypes['SafeInt'], ParentType, ContextType>;
  files?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['FileKind'], ParentType, ContextType>;
};

export type MultipartPlanResolvers<ContextType = PresignContext, ParentType extends ResolversParentTypes['MultipartPlan'] = ResolversParentTypes['MultipartPlan']> = {
  header?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  instructions?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  method?: Resolver<ResolversTypes['HttpMethod'], ParentType, ContextType>;
  partCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  partSize?: Resolver<ResolversTypes['SafeInt'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = PresignContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  createDownloadUrl?: Resolver<ResolversTypes['DownloadUrl'], ParentType, ContextType, RequireFields<MutationCreateDownloadUrlArgs, 'ttlSeconds' | 'uri'>>;
  createUploadUrl?: Resolver<ResolversTypes['UploadUrl'], ParentType, ContextType, RequireFields<MutationCreateUploadUrlArgs, 'input'>>;
  deleteDataset?: Resolver<ResolversTypes['FileDeletion'], ParentType, ContextType, RequireFields<MutationDeleteDatasetArgs, 'datasetId'>>;
  deleteFile?: Resolver<ResolversTypes['FileDeletion'], ParentType, ContextType, RequireFields<MutationDeleteFileArgs, 'uri'>>;
  deleteModel?: Resolver<ResolversTypes['FileDeletion'], ParentType, ContextType, RequireFields<MutationDeleteModelArgs, 'modelId'>>;
};

export type PageInfoResolvers<ContextType = PresignContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = PresignContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  files?: Resolver<ResolversTypes['StoredFileConnection'], ParentType, ContextType, RequireFields<QueryFilesArgs, 'first' | 'kind'>>;
  storageUsage?: Resolver<ResolversTypes['StorageUsage'], ParentType, ContextType>;
};

export interface SafeIntScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['SafeInt'], any> {
  name: 'SafeInt';
}

export type StorageUsageResolvers<ContextType = PresignContext, ParentType extends ResolversParentTypes['StorageUsage'] = ResolversParentTypes['StorageUsage']> = {
  byKind?: Resolver<Array<ResolversTypes['KindUsage']>, ParentType, ContextType>;
  reservedBytes?: Resolver<ResolversTypes['SafeInt'], ParentType, ContextType>;
  totalBytes?: Resolver<ResolversTypes['SafeInt'], ParentType, ContextType>;
};

export type StoredFileResolvers<ContextType = PresignContext, ParentType extends ResolversParentTypes['StoredFile'] = ResolversParentTypes['StoredFile']> = {
  collectionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  etag?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  filename?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['FileKind'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sizeBytes?: Resolver<ResolversTypes['SafeInt'], ParentType, ContextType>;
  timeCreated?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  uri?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type StoredFileConnectionResolvers<ContextType = PresignContext, ParentType extends ResolversParentTypes['StoredFileConnection'] = ResolversParentTypes['StoredFileConnection']> = {
  edges?: Resolver<Array<ResolversTypes['StoredFileEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['StoredFile']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type StoredFileEdgeResolvers<ContextType = PresignContext, ParentType extends ResolversParentTypes['StoredFileEdge'] = ResolversParentTypes['StoredFileEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['StoredFile'], ParentType, ContextType>;
};

export type UploadUrlResolvers<ContextType = PresignContext, ParentType extends ResolversParentTypes['UploadUrl'] = ResolversParentTypes['UploadUrl']> = {
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  method?: Resolver<ResolversTypes['HttpMethod'], ParentType, ContextType>;
  multipart?: Resolver<Maybe<ResolversTypes['MultipartPlan']>, ParentType, ContextType>;
  uri?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = PresignContext> = {
  DateTime?: GraphQLScalarType;
  DownloadUrl?: DownloadUrlResolvers<ContextType>;
  FileDeletion?: FileDeletionResolvers<ContextType>;
  KindUsage?: KindUsageResolvers<ContextType>;
  MultipartPlan?: MultipartPlanResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  SafeInt?: GraphQLScalarType;
  StorageUsage?: StorageUsageResolvers<ContextType>;
  StoredFile?: StoredFileResolvers<ContextType>;
  StoredFileConnection?: StoredFileConnectionResolvers<ContextType>;
  StoredFileEdge?: StoredFileEdgeResolvers<ContextType>;
  UploadUrl?: UploadUrlResolvers<ContextType>;
};

