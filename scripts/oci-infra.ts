/**
 * `npm run infra:generate`: writes `infra/oci/generated/stack.json`, the data the Terraform in
 * `infra/oci/` reads with `jsondecode(file(...))`, taken from the code itself so the deployment
 * cannot drift from what the local stack runs:
 * all of it read from the deployment manifest (deployment/manifest.ts):
 * - `functions`: every function (`FUNCTIONS`) with memory/timeout (`FUNCTION_SPECS`), checked against OCI's limits;
 * - `buckets`: `BUCKETS`, by role (`files` / `exports`), names left to Terraform variables;
 * - `nosql_tables`: `TABLES` (name, DDL, limits), verbatim;
 * - `event_rules`: `EVENT_RULES`, conditions verbatim except bucket names, which become
 *   the tokens `@FILES_BUCKET@` / `@EXPORTS_BUCKET@` (Terraform substitutes the variables);
 * - `routes`: the function routes of `ROUTES`; builtin and local-only routes are not deployed;
 * - `iam`: the dynamic groups and statement templates of `deployment/iam.ts` (tokens `@...@`,
 *   replaced by iam.tf), each statement with its grantee, `for_each` and `when`.
 *
 * `--check` exits 1 (and writes nothing) when the committed file differs from a fresh generation.
 * test/unit/infra-oci.test.ts runs the same comparison.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BUCKETS,
  EVENT_RULES,
  EXPORTS_BUCKET,
  FILES_BUCKET,
  FUNCTIONS,
  FUNCTION_SPECS,
  ROUTES,
  TABLES,
  type Condition,
  type ConditionValue,
} from '#deployment/manifest.ts';
import { DYNAMIC_GROUPS, STATEMENTS } from '#deployment/iam.ts';
import { containerEnv } from '#deployment/node-args.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the generated data lives, relative to the repo root. */
export const GENERATED_FILE = 'infra/oci/generated/stack.json';

/** Bucket name → token Terraform replaces with the bucket variable. */
export const BUCKET_TOKENS: Readonly<Record<string, string>> = {
  [FILES_BUCKET]: '@FILES_BUCKET@',
  [EXPORTS_BUCKET]: '@EXPORTS_BUCKET@',
};

/** OCI Functions limits (reference §1.7). */
export const OCI_MEMORY_MB = [128, 256, 512, 1024, 2048, 3072] as const;
export const OCI_MAX_TIMEOUT_SECONDS = 300;

export interface StackData {
  /** `env`: the process settings of the function's tier (deployment/node-args.ts), merged into its config */
  functions: Record<string, { memory_in_mbs: number; timeout_in_seconds: number; env: Record<string, string> }>;
  buckets: Record<'files' | 'exports', { object_events_enabled: boolean }>;
  nosql_tables: Record<
    string,
    {
      ddl_statement: string;
      table_limits: { max_read_units: number; max_write_units: number; max_storage_in_gbs: number };
    }
  >;
  event_rules: Record<string, { condition: Condition; functions: string[] }>;
  routes: { path: string; methods: string[]; function: string }[];
  iam: {
    dynamic_groups: Record<string, { name: string; matching_rule: string }>;
    statements: Record<string, { grantee: string; text: string; for_each: string; when: string }>;
  };
}

function tokenize(v: ConditionValue): ConditionValue {
  if (Array.isArray(v)) return v.map(tokenize);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, tokenize(x)]));
  return typeof v === 'string' && BUCKET_TOKENS[v] ? BUCKET_TOKENS[v] : v;
}

/** Build the deployment data from the manifest (no I/O). */
export async function generateStackData(): Promise<StackData> {
  const functions: StackData['functions'] = {};
  for (const fn of FUNCTIONS) {
    const { memoryMb: memory, timeoutSeconds: timeout } = FUNCTION_SPECS[fn];
    if (!(OCI_MEMORY_MB as readonly number[]).includes(memory))
      throw new Error(`function ${fn}: memory ${memory} MB is not an OCI Functions size (${OCI_MEMORY_MB.join(', ')})`);
    if (!Number.isInteger(timeout) || timeout < 1 || timeout > OCI_MAX_TIMEOUT_SECONDS)
      throw new Error(`function ${fn}: timeout ${timeout} s is outside 1..${OCI_MAX_TIMEOUT_SECONDS}`);
    functions[fn] = { memory_in_mbs: memory, timeout_in_seconds: timeout, env: containerEnv(memory) };
  }

  const buckets = {} as StackData['buckets'];
  for (const b of BUCKETS) {
    buckets[b.role] = { object_events_enabled: b.objectEventsEnabled };
  }

  const nosql_tables: StackData['nosql_tables'] = {};
  for (const t of TABLES) {
    if (!t.ddlStatement.includes(`EXISTS ${t.name} (`))
      throw new Error(
        `table ${t.name}: DDL must start "CREATE TABLE IF NOT EXISTS ${t.name} (" so TABLE_PREFIX can be applied`,
      );
    nosql_tables[t.name] = {
      ddl_statement: t.ddlStatement,
      table_limits: {
        max_read_units: t.tableLimits.maxReadUnits,
        max_write_units: t.tableLimits.maxWriteUnits,
        max_storage_in_gbs: t.tableLimits.maxStorageInGBs,
      },
    };
  }

  // Functions are named; Terraform maps the names to OCIDs.
  const event_rules: StackData['event_rules'] = {};
  for (const r of EVENT_RULES)
    event_rules[r.name] = { condition: tokenize(r.condition) as Condition, functions: [...r.functions] };

  const routes = ROUTES.filter((r) => r.function && !r.localOnly).map((r) => {
    if (r.auth !== 'jwt') throw new Error(`route ${r.path}: only JWT-authenticated function routes are deployed`);
    return { path: r.path, methods: [...r.methods], function: r.function! };
  });

  const iam: StackData['iam'] = { dynamic_groups: {}, statements: {} };
  for (const d of DYNAMIC_GROUPS) iam.dynamic_groups[d.function] = { name: d.name, matching_rule: d.matchingRule };
  for (const s of STATEMENTS) {
    if (iam.statements[s.id]) throw new Error(`IAM statement id ${s.id} is used twice`);
    // "" rather than null: Terraform compares strings without null checks
    iam.statements[s.id] = { grantee: s.grantee, text: s.text, for_each: s.forEach ?? '', when: s.when ?? '' };
  }

  return { functions, buckets, nosql_tables, event_rules, routes, iam };
}

/** The file's exact text for `data` (stable key order as generated, 2-space indent, trailing newline). */
export function renderStackData(data: StackData): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

async function main(argv: string[]): Promise<number> {
  const check = argv.includes('--check');
  const unknown = argv.filter((a) => a !== '--check');
  if (unknown.length) {
    process.stderr.write(`usage: tsx scripts/oci-infra.ts [--check]\nunknown argument: ${unknown[0]}\n`);
    return 2;
  }
  const file = join(ROOT, GENERATED_FILE);
  const text = renderStackData(await generateStackData());
  if (check) {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      /* missing counts as different */
    }
    if (current === text) {
      process.stdout.write(`${GENERATED_FILE} is up to date\n`);
      return 0;
    }
    process.stderr.write(`${GENERATED_FILE} is out of date with the code: run npm run infra:generate\n`);
    return 1;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  process.stdout.write(`wrote ${relative(process.cwd(), file) || file}\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
