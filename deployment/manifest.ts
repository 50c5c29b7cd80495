/**
 * The deployment manifest: what a deployment of this product consists of, as data, written once.
 *
 * Read by the function entry and the schema index (function names), the build (which bundles to make),
 * Terraform's generator (`scripts/oci-infra.ts` → `infra/oci/generated/stack.json`) and the local cloud
 * (`local-cloud/`), which creates the same buckets, tables, rules and routes before it starts the
 * functions. Nothing here imports the local cloud; the product's own table definitions are imported
 * statically so a reader can follow every name to its source.
 */
import { EXPORT_JOBS_TABLE } from '../functions/exports/tables.ts';
import { CACHE_TABLE } from '../functions/resources/tables.ts';
import { tableDdl, type TableDef } from '../shared/persistence/port.ts';
import { QUOTA_TABLES } from '../shared/storage/tables.ts';

/** Every function of the image, in start order (the gateway last: it needs the others' OCIDs). */
export const FUNCTIONS = ['resources', 'exports', 'presign', 'quota', 'gateway'] as const;
export type FunctionName = (typeof FUNCTIONS)[number];

/** The functions the gateway delegates to. */
export const DOMAIN_FUNCTIONS = ['resources', 'exports', 'presign', 'quota'] as const satisfies readonly FunctionName[];
export type DomainFunction = (typeof DOMAIN_FUNCTIONS)[number];

/** One config key a function reads from its environment (OCI Functions config → env vars). */
export interface ConfigKey {
  name: string;
  /** set by the deployment (Terraform, the local cloud) rather than left to its default */
  required: boolean;
  description: string;
}

export interface FunctionSpec {
  /** OCI Functions memory tier, MB (128, 256, 512, 1024, 2048, 3072) */
  memoryMb: number;
  /** seconds, 1..300 */
  timeoutSeconds: number;
  /** what the function reads from its config; `FUNCTION_NAME` is set for every function */
  config: ConfigKey[];
  /** the NoSQL tables it reads and writes (names in `TABLES`) */
  tables: string[];
}

const NOSQL: ConfigKey = {
  name: 'NOSQL_COMPARTMENT_ID',
  required: true,
  description: 'compartment OCID holding the NoSQL tables',
};
const PREFIX: ConfigKey = {
  name: 'TABLE_PREFIX',
  required: false,
  description: 'prefix of every table name (one deployment per prefix)',
};
const FILES: ConfigKey = { name: 'FILES_BUCKET', required: true, description: "the users' files bucket" };

export const FUNCTION_SPECS: Readonly<Record<FunctionName, FunctionSpec>> = {
  resources: {
    memoryMb: 128,
    timeoutSeconds: 30,
    config: [
      NOSQL,
      PREFIX,
      {
        name: 'TENANCY_ID',
        required: false,
        description: 'the tenancy OCID (else the resource principal token names it)',
      },
      { name: 'RESOURCES_CACHE_TTL_SECONDS', required: false, description: 'list cache TTL, 1..600 (default 300)' },
    ],
    tables: ['resources_cache'],
  },
  exports: {
    memoryMb: 256,
    timeoutSeconds: 120,
    config: [
      NOSQL,
      PREFIX,
      FILES,
      { name: 'EXPORTS_BUCKET', required: true, description: 'the default bucket exports are written to' },
      {
        name: 'EXPORT_BUCKETS',
        required: false,
        description:
          'further buckets callers may export to (comma-separated); each needs its grants (deployment/iam.ts)',
      },
      {
        name: 'EXPORT_IMAGES_COMPARTMENT_ID',
        required: true,
        description:
          "compartment the temporary images are made in (the deployment's), so the image grants cover only them",
      },
    ],
    tables: ['export_jobs'],
  },
  presign: {
    memoryMb: 128,
    timeoutSeconds: 30,
    config: [NOSQL, PREFIX, FILES],
    tables: Object.values(QUOTA_TABLES).map((t) => t.name),
  },
  quota: {
    memoryMb: 128,
    timeoutSeconds: 30,
    config: [NOSQL, PREFIX, FILES],
    tables: Object.values(QUOTA_TABLES).map((t) => t.name),
  },
  gateway: {
    memoryMb: 256,
    timeoutSeconds: 60,
    config: DOMAIN_FUNCTIONS.map((fn) => ({
      name: `FN_ID_${fn.toUpperCase()}`,
      required: true,
      description: `OCID of the ${fn} function`,
    })),
    tables: [],
  },
};

/** A bucket and the role the deployment gives it. */
export interface BucketSpec {
  name: string;
  role: 'files' | 'exports';
  objectEventsEnabled: boolean;
}
export const FILES_BUCKET = 'user-files';
export const EXPORTS_BUCKET = 'exports';
export const BUCKETS: readonly BucketSpec[] = [
  { name: FILES_BUCKET, role: 'files', objectEventsEnabled: true },
  { name: EXPORTS_BUCKET, role: 'exports', objectEventsEnabled: true },
];

/** A NoSQL table, as `CreateTableDetails` takes it. */
export interface TableSpec {
  name: string;
  ddlStatement: string;
  tableLimits: { maxReadUnits: number; maxWriteUnits: number; maxStorageInGBs: number };
}

const LIMITS = { maxReadUnits: 50, maxWriteUnits: 50, maxStorageInGBs: 1 } as const;
const tableSpec = (def: TableDef): TableSpec => ({
  name: def.name,
  ddlStatement: tableDdl(def, def.name),
  tableLimits: { ...LIMITS },
});

/** Every NoSQL table of the deployment. */
export const TABLES: readonly TableSpec[] = [CACHE_TABLE, EXPORT_JOBS_TABLE, ...Object.values(QUOTA_TABLES)].map(
  tableSpec,
);

/** An Events rule condition, with OCI Events semantics (fields AND, arrays OR, `*` wildcards). */
export type ConditionValue = string | number | boolean | ConditionValue[] | Condition;
export interface Condition {
  [field: string]: ConditionValue;
}

/** An Events rule: events matching `condition` are delivered to the named functions. */
export interface EventRuleSpec {
  name: string;
  condition: Condition;
  functions: FunctionName[];
}

const OBJECT_EVENTS = ['createobject', 'updateobject', 'deleteobject'].map((a) => `com.oraclecloud.objectstorage.${a}`);

export const EVENT_RULES: readonly EventRuleSpec[] = [
  {
    name: 'user-files-to-quota',
    condition: { eventType: OBJECT_EVENTS, data: { additionalDetails: { bucketName: [FILES_BUCKET] } } },
    functions: ['quota'],
  },
  {
    name: 'exports-objects-to-exports',
    condition: { eventType: OBJECT_EVENTS, data: { additionalDetails: { bucketName: [EXPORTS_BUCKET] } } },
    functions: ['exports'],
  },
  {
    name: 'compute-images-to-exports',
    condition: {
      eventType: ['com.oraclecloud.computeapi.createimage.end', 'com.oraclecloud.computeapi.exportimage.*'],
    },
    functions: ['exports'],
  },
];

/** One API Gateway route (what a deployment specification says). */
export interface RouteSpec {
  /**
   * exact request path, or a prefix when it ends with `/*` (as OCI's `/{path*}`: `/assets/*` matches `/assets/a.js`)
   */
  path: string;
  methods: ('GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE')[];
  /** the backend function */
  function?: FunctionName;
  /**
   * answered by the gateway itself: `health` → `{"status":"ok"}`, `jwks` → the (local) issuer's keys,
   * `web` → the web app's built files (locally `dist/web`; on OCI a bucket behind the gateway, infra/oci/web.tf),
   * `web-config` → the app's sign-in settings (on OCI a `config.json` object Terraform writes),
   * `dev-token` → a token from the dev issuer for `{ sub, roles }` (local only: dev sign-in)
   */
  builtin?: 'health' | 'jwks' | 'web' | 'web-config' | 'dev-token';
  /** `jwt`: a valid bearer token is required */
  auth: 'jwt' | 'none';
  /**
   * A browser page load (GET, `Accept: text/html`, no Authorization header) is answered with the
   * GraphiQL page, as an API Gateway stock response would be: no function runs without a valid token.
   */
  graphiqlWithoutToken?: boolean;
  /** only the local cloud serves this route (its dev issuer); not deployed */
  localOnly?: boolean;
}

export const ROUTES: readonly RouteSpec[] = [
  { path: '/graphql', methods: ['GET', 'POST'], function: 'gateway', auth: 'jwt', graphiqlWithoutToken: true },
  { path: '/health', methods: ['GET'], builtin: 'health', auth: 'none' },
  { path: '/.well-known/jwks.json', methods: ['GET'], builtin: 'jwks', auth: 'none', localOnly: true },
  { path: '/', methods: ['GET', 'HEAD'], builtin: 'web', auth: 'none' },
  { path: '/assets/*', methods: ['GET', 'HEAD'], builtin: 'web', auth: 'none' },
  { path: '/config.json', methods: ['GET'], builtin: 'web-config', auth: 'none' },
  { path: '/dev/token', methods: ['POST'], builtin: 'dev-token', auth: 'none', localOnly: true },
];

/** The route a request path takes: an exact match first, else the longest `/*` prefix route. */
export function matchRoute(routes: readonly RouteSpec[], path: string): RouteSpec | undefined {
  const exact = routes.find((r) => r.path === path);
  if (exact) return exact;
  return routes
    .filter((r) => r.path.endsWith('/*') && path.startsWith(r.path.slice(0, -1)) && path.length > r.path.length - 1)
    .sort((a, b) => b.path.length - a.path.length)[0];
}
