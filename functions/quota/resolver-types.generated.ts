import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { QuotaContext } from './resolvers.ts';
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
  /** Admin only: set a user's tier and/or limit overrides. */
  setQuotaLimits: Quota;
};


/** Operations with side effects. */
export type MutationSetQuotaLimitsArgs = {
  limits?: InputMaybe<QuotaLimitsInput>;
  tier?: InputMaybe<QuotaTier>;
  userId: Scalars['ID']['input'];
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
  /** The caller's quota; admins may name another user. */
  quota: Quota;
};


/** Read-only entry points. */
export type QueryQuotaArgs = {
  userId?: InputMaybe<Scalars['ID']['input']>;
};

/** A user's storage quota, file size limit and upload rate limits, with what they use. */
export type Quota = {
  __typename?: 'Quota';
  /** The largest file allowed. */
  fileSize: QuotaFileSize;
  /** Uploads counted against the hourly and daily limits. */
  rateLimits: QuotaRateLimits;
  /** Storage used, reserved and allowed. */
  storage: QuotaStorage;
  /** The tier the limits start from. */
  tier: QuotaTier;
  /** The user. */
  userId: Scalars['ID']['output'];
};

/** The largest file allowed. */
export type QuotaFileSize = {
  __typename?: 'QuotaFileSize';
  /** Bytes allowed for one file. */
  maxBytes: Scalars['SafeInt']['output'];
};

/** Overrides of the tier's limits; a field set to null removes that override. */
export type QuotaLimitsInput = {
  /** File size limit in bytes. */
  maxFileSizeBytes?: InputMaybe<Scalars['SafeInt']['input']>;
  /** Storage limit in bytes. */
  maxStorageBytes?: InputMaybe<Scalars['SafeInt']['input']>;
  /** Upload URLs allowed per 24 hours. */
  maxUploadsPerDay?: InputMaybe<Scalars['Int']['input']>;
  /** Upload URLs allowed per 60 minutes. */
  maxUploadsPerHour?: InputMaybe<Scalars['Int']['input']>;
};

/** Upload URLs issued in the last hour and day against their limits. */
export type QuotaRateLimits = {
  __typename?: 'QuotaRateLimits';
  /** Upload URLs allowed per 24 hours. */
  dailyLimit: Scalars['Int']['output'];
  /** Upload URLs allowed per 60 minutes. */
  hourlyLimit: Scalars['Int']['output'];
  /** Upload URLs issued in the last 24 hours. */
  uploadsLastDay: Scalars['Int']['output'];
  /** Upload URLs issued in the last 60 minutes. */
  uploadsLastHour: Scalars['Int']['output'];
};

/** Storage used, reserved and allowed. */
export type QuotaStorage = {
  __typename?: 'QuotaStorage';
  /** Bytes allowed. */
  limitBytes: Scalars['SafeInt']['output'];
  /** Bytes declared by upload URLs that have not expired or settled yet. */
  reservedBytes: Scalars['SafeInt']['output'];
  /** Bytes of the user's objects in the bucket, as settled from bucket events. */
  usedBytes: Scalars['SafeInt']['output'];
  /** usedBytes / limitBytes x 100, two decimals. */
  usedPct: Scalars['Float']['output'];
};

/**
 * Quota tiers: DEFAULT = 100 GiB storage, 10 GiB per file, 50 uploads/hour, 500/day;
 * PREMIUM = 1 TiB, 100 GiB, 500, 5000.
 */
export type QuotaTier =
  /** 100 GiB storage, 10 GiB per file, 50 uploads an hour, 500 a day. */
  | 'DEFAULT'
  /** 1 TiB storage, 100 GiB per file, 500 uploads an hour, 5000 a day. */
  | 'PREMIUM';

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
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  HttpMethod: HttpMethod;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Quota: ResolverTypeWrapper<Quota>;
  QuotaFileSize: ResolverTypeWrapper<QuotaFileSize>;
  QuotaLimitsInput: QuotaLimitsInput;
  QuotaRateLimits: ResolverTypeWrapper<QuotaRateLimits>;
  QuotaStorage: ResolverTypeWrapper<QuotaStorage>;
  QuotaTier: QuotaTier;
  Role: Role;
  SafeInt: ResolverTypeWrapper<Scalars['SafeInt']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Boolean: Scalars['Boolean']['output'];
  DateTime: Scalars['DateTime']['output'];
  Float: Scalars['Float']['output'];
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  Quota: Quota;
  QuotaFileSize: QuotaFileSize;
  QuotaLimitsInput: QuotaLimitsInput;
  QuotaRateLimits: QuotaRateLimits;
  QuotaStorage: QuotaStorage;
  SafeInt: Scalars['SafeInt']['output'];
  String: Scalars['String']['output'];
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MutationResolvers<ContextType = QuotaContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  setQuotaLimits?: Resolver<ResolversTypes['Quota'], ParentType, ContextType, RequireFields<MutationSetQuotaLimitsArgs, 'userId'>>;
};

export type PageInfoResolvers<ContextType = QuotaContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = QuotaContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  quota?: Resolver<ResolversTypes['Quota'], ParentType, ContextType, Partial<QueryQuotaArgs>>;
};

export type QuotaResolvers<ContextType = QuotaContext, ParentType extends ResolversParentTypes['Quota'] = ResolversParentTypes['Quota']> = {
  fileSize?: Resolver<ResolversTypes['QuotaFileSize'], ParentType, ContextType>;
  rateLimits?: Resolver<ResolversTypes['QuotaRateLimits'], ParentType, ContextType>;
  storage?: Resolver<ResolversTypes['QuotaStorage'], ParentType, ContextType>;
  tier?: Resolver<ResolversTypes['QuotaTier'], ParentType, ContextType>;
  userId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type QuotaFileSizeResolvers<ContextType = QuotaContext, ParentType extends ResolversParentTypes['QuotaFileSize'] = ResolversParentTypes['QuotaFileSize']> = {
  maxBytes?: Resolver<ResolversTypes['SafeInt'], ParentType, ContextType>;
};

export type QuotaRateLimitsResolvers<ContextType = QuotaContext, ParentType extends ResolversParentTypes['QuotaRateLimits'] = ResolversParentTypes['QuotaRateLimits']> = {
  dailyLimit?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  hourlyLimit?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  uploadsLastDay?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  uploadsLastHour?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type QuotaStorageResolvers<ContextType = QuotaContext, ParentType extends ResolversParentTypes['QuotaStorage'] = ResolversParentTypes['QuotaStorage']> = {
  limitBytes?: Resolver<ResolversTypes['SafeInt'], ParentType, ContextType>;
  reservedBytes?: Resolver<ResolversTypes['SafeInt'], ParentType, ContextType>;
  usedBytes?: Resolver<ResolversTypes['SafeInt'], ParentType, ContextType>;
  usedPct?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export interface SafeIntScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['SafeInt'], any> {
  name: 'SafeInt';
}

export type Resolvers<ContextType = QuotaContext> = {
  DateTime?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Quota?: QuotaResolvers<ContextType>;
  QuotaFileSize?: QuotaFileSizeResolvers<ContextType>;
  QuotaRateLimits?: QuotaRateLimitsResolvers<ContextType>;
  QuotaStorage?: QuotaStorageResolvers<ContextType>;
  SafeInt?: GraphQLScalarType;
};

