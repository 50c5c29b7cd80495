/**
 * The whole local stack in one call, used by `npm start` (main.ts) and by every e2e test
 * (test/helpers/stack.ts): emulator → buckets and tables → Fn runner with the built functions,
 * registered with the emulator's Functions provider → Events router → API Gateway front.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as common from 'oci-common';
import { startEmulator, type Emulator } from '#local/emulator/index.ts';
import type { FunctionsProvider } from '#local/emulator/services/functions/provider.ts';
import { startRunner, type Runner } from '#local/runner/index.ts';
import { createOciInvoker, openDevIssuer, startApiGateway, ROUTES, type ApiGateway, type MintOptions } from '#local/apigw/index.ts';
import { createEventsRouter, type EventsRouter, type RetryPolicy } from '#local/events/index.ts';
import { createLogger, type Logger } from '#shared/log.ts';
import { createAuthProvider } from '#shared/auth/index.ts';
import { checkConnectivity } from '#shared/auth/connectivity.ts';
import { loadFunctionIds } from './function-ids.ts';
import { provision } from './provision-oci.ts';
import { seedDemoTenancy } from '#local/emulator/seed/index.ts';
import { BUCKETS, EXPORTS_BUCKET, FILES_BUCKET, FUNCTIONS, FUNCTION_SETTINGS, eventRules, loadTables, type FunctionName } from './resources.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface StackOptions {
  /** emulator state, issuer key, function OCIDs, runner files @default '.local' */
  stateDir?: string;
  /** API Gateway front port @default 8080; 0 picks a free port */
  port?: number;
  /** emulator port @default 8081; 0 picks a free port */
  emulatorPort?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** where the bundles are @default <repo>/dist/functions */
  distDir?: string;
  /** Events router retry policy @default DEFAULT_RETRY (5 attempts over ~2 min) */
  eventsRetry?: Partial<RetryPolicy>;
  /** extra function config for every function (e.g. LOG_LEVEL) */
  functionEnv?: Record<string, string>;
  /** container output and runner events @default stderr */
  runnerLog?: (line: string) => void;
  /** how long a container may take to open its socket @default 10_000 */
  initTimeoutMs?: number;
  /** seed the demo tenancy (compartments, instances, databases, ...) on first start @default true */
  seed?: boolean;
  /** the stack's, the front's and the router's log lines @default createLogger({ base: { component: 'stack' } }) */
  log?: Logger;
  /**
   * Run the domain functions (resources, presign, quota, exports) against a real tenancy, signed
   * with a config-file profile, instead of against the emulator. The gateway, the front and the
   * invoke path stay local. @default undefined: everything talks to the emulator
   */
  tenancy?: TenancyTarget;
}

/** Where and as whom the domain functions call OCI in tenancy mode (README "Run the functions against a real tenancy"). */
export interface TenancyTarget {
  /** OCI config file and profile the domain functions sign with (your user and its policies) */
  configFile: string;
  profile: string;
  /** compartment holding the functions' NoSQL tables (NOSQL_COMPARTMENT_ID) */
  compartmentId: string;
  /** Object Storage namespace @default the profile's, from GetNamespace */
  namespace?: string;
  /** @default 'user-files' */
  filesBucket?: string;
  /** @default 'exports' */
  exportsBucket?: string;
  /** the Terraform `table_prefix`, if any */
  tablePrefix?: string;
  /** one base URL for every OCI service instead of the profile region's endpoints (a proxy, another emulator) */
  endpoint?: string;
}

export interface StackUrls { graphql: string; apigw: string; health: string; jwks: string; emulator: string }

export interface Stack {
  urls: StackUrls;
  stateDir: string;
  /** the admin's OCI config file (profile DEFAULT) for the OCI CLI / scripts against the emulator */
  ociConfigFile: string;
  /** OCIDs of the functions that run */
  functionIds: Partial<Record<FunctionName, string>>;
  /** functions whose bundle is missing (not running) */
  missing: FunctionName[];
  mintToken(options: MintOptions): Promise<string>;
  emulator: Emulator;
  runner: Runner | undefined;
  router: EventsRouter;
  apigw: ApiGateway;
  /** stop everything (front, router, containers, emulator); idempotent */
  close(): Promise<void>;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const stateDir = resolve(options.stateDir ?? '.local');
  const host = options.host ?? '127.0.0.1';
  const distDir = resolve(options.distDir ?? join(REPO_ROOT, 'dist', 'functions'));
  const log = options.log ?? createLogger({ base: { component: 'stack' } });
  const closers: (() => Promise<void>)[] = [];
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= (async () => {
    for (const c of closers.reverse()) {
      try {
        await c();
      } catch (e: unknown) {
        log.error('error while stopping', { error: e instanceof Error ? e.message : String(e) });
      }
    }
  })());

  try {
    const emulator = await startEmulator({ stateDir, port: options.emulatorPort ?? 8081, host });
    closers.push(() => emulator.close());
    const tenancyId = emulator.tenancy.tenancyId;
    const auth = new common.ConfigFileAuthenticationDetailsProvider(emulator.admin.configFile, 'DEFAULT');

    const tables = await loadTables(REPO_ROOT);
    const { namespace } = await provision({ endpoint: emulator.url, auth, compartmentId: tenancyId, buckets: BUCKETS, tables });
    if (options.seed ?? true) {
      const seeded = await seedDemoTenancy(emulator);
      if (seeded.applied) log.info('seeded the demo tenancy', { counts: seeded.counts });
    }

    const ids = loadFunctionIds(stateDir);
    const entry = join(distDir, 'entry.cjs');
    const present = FUNCTIONS.filter((fn) => existsSync(entry) && existsSync(join(distDir, `${fn}.cjs`)));
    const missing = FUNCTIONS.filter((fn) => !present.includes(fn));
    if (missing.length) log.warn('function bundles missing; these functions do not run (npm run build?)', { missing, distDir });
    const functionIds: Partial<Record<FunctionName, string>> = {};
    for (const fn of present) functionIds[fn] = ids.functions[fn];

    const baseEnv: Record<string, string> = {
      OCI_ENDPOINT: emulator.url, FN_INVOKE_ENDPOINT: emulator.url,
      OCI_RETRY_MAX_ATTEMPTS: '3', OCI_RETRY_BASE_MS: '200', OCI_RETRY_CAP_MS: '2000',
      FILES_BUCKET, EXPORTS_BUCKET, OS_NAMESPACE: namespace, NOSQL_COMPARTMENT_ID: tenancyId,
      ...options.functionEnv,
    };
    const tenancy = options.tenancy ? await tenancyEnv(options.tenancy, options.functionEnv) : undefined;
    if (tenancy) log.info('domain functions run against a tenancy', { profile: options.tenancy!.profile, endpoint: options.tenancy!.endpoint ?? '(the profile region\'s)', namespace: tenancy.env.OS_NAMESPACE });
    const envFor = (fn: FunctionName): Record<string, string> => {
      const env: Record<string, string> = { ...(tenancy && fn !== 'gateway' ? tenancy.env : baseEnv), FUNCTION_NAME: fn };
      if (fn === 'gateway') for (const other of present) if (other !== 'gateway') env[`FN_ID_${other.toUpperCase()}`] = ids.functions[other];
      return env;
    };
    const principalFor = (fn: FunctionName) => (tenancy && fn !== 'gateway' ? { profile: { configFile: options.tenancy!.configFile, name: options.tenancy!.profile } } : {});

    let runner: Runner | undefined;
    if (present.length) {
      runner = await startRunner({
        emulator: { url: emulator.url, configFile: emulator.admin.configFile },
        workDir: join(stateDir, 'runner'),
        initTimeoutMs: options.initTimeoutMs ?? 10_000,
        ...(options.runnerLog ? { log: options.runnerLog } : {}),
        functions: present.map((fn) => ({ name: fn, id: ids.functions[fn], appId: ids.appId, compartmentId: tenancyId, entry, env: envFor(fn), ...principalFor(fn), ...FUNCTION_SETTINGS[fn] })),
      });
      const r = runner;
      closers.push(() => r.close());
      const fns = emulator.provider<FunctionsProvider>('functions');
      if (!fns) throw new Error('the emulator has no functions provider');
      for (const fn of present) {
        const id = ids.functions[fn];
        fns.register(id, { invoke: (req) => r.invoke(id, req) }, { displayName: fn, applicationId: ids.appId, compartmentId: tenancyId, ...settingsMeta(fn) });
      }
    }

    // our config-file provider (a plain key): the shared signer's KeyObject path; oci-common's
    // provider delegates, which sends every invoke through its per-request sshpk signer
    const invoker = createOciInvoker({ endpoint: emulator.url, auth: createAuthProvider({ method: 'config_file', configFile: emulator.admin.configFile, profile: 'DEFAULT' }) });
    const router = createEventsRouter({ rules: eventRules(functionIds), invoker, log: log.child({ component: 'events' }), ...(options.eventsRetry ? { retry: options.eventsRetry } : {}) });
    router.attach(emulator.events);
    closers.push(() => router.close());

    const issuer = await openDevIssuer({ stateDir });
    const routes = ROUTES.filter((r) => !r.function || functionIds[r.function as FunctionName]);
    const apigw = await startApiGateway({
      port: options.port ?? 8080, host, routes, invoker, jwks: issuer.jwks, log: log.child({ component: 'apigw' }),
      functions: Object.fromEntries(Object.entries(functionIds)) as Record<string, string>,
      jwt: { issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwks },
    });
    closers.push(() => apigw.close());

    return {
      urls: { graphql: `${apigw.url}/graphql`, apigw: apigw.url, health: `${apigw.url}/health`, jwks: `${apigw.url}/.well-known/jwks.json`, emulator: emulator.url },
      stateDir, ociConfigFile: emulator.admin.configFile, functionIds, missing,
      mintToken: (o) => issuer.mintToken(o),
      emulator, runner, router, apigw, close,
    };
  } catch (e: unknown) {
    await close();
    throw e;
  }
}

/**
 * The domain functions' config in tenancy mode, after one signed call proves the profile reaches
 * the tenancy (a bad profile stops the start with the reason, not the first GraphQL call).
 */
async function tenancyEnv(t: TenancyTarget, extra: Record<string, string> | undefined): Promise<{ env: Record<string, string> }> {
  let provider;
  try {
    provider = createAuthProvider({ method: 'config_file', configFile: t.configFile, profile: t.profile });
  } catch (e: unknown) {
    throw new Error(`tenancy profile ${t.profile}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const check = await checkConnectivity(provider, t.endpoint ? { endpoint: t.endpoint } : {});
  if (!check.ok) throw new Error(`tenancy profile ${t.profile} cannot reach OCI: ${check.message}`);
  if (!t.compartmentId) throw new Error('tenancy mode needs the compartment of the NoSQL tables (NOSQL_COMPARTMENT_ID)');
  return {
    env: {
      FILES_BUCKET: t.filesBucket ?? FILES_BUCKET, EXPORTS_BUCKET: t.exportsBucket ?? EXPORTS_BUCKET,
      OS_NAMESPACE: t.namespace ?? check.namespace, NOSQL_COMPARTMENT_ID: t.compartmentId,
      ...(t.tablePrefix ? { TABLE_PREFIX: t.tablePrefix } : {}),
      ...(t.endpoint ? { OCI_ENDPOINT: t.endpoint } : {}),
      ...extra,
    },
  };
}

function settingsMeta(fn: FunctionName) {
  const s = FUNCTION_SETTINGS[fn] ?? {};
  return { memoryInMBs: s.memoryMb ?? 128, timeoutInSeconds: s.timeoutSeconds ?? 30 };
}
