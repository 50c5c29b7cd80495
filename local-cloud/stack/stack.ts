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
import { startRunner, type ContainerLauncher, type Runner } from '#local/runner/index.ts';
import { openDevIssuer, startApiGateway, ROUTES, type ApiGateway, type MintOptions } from '#local/apigw/index.ts';
import { createInvokeClient } from '#local/invoke/index.ts';
import { createEventsRouter, type EventsRouter, type RetryPolicy } from '#local/events/index.ts';
import { createLogger, type Logger } from '#local/product.ts';
import { loadFunctionIds } from './function-ids.ts';
import { tenancyEnv, type TenancyTarget } from './tenancy.ts';
import { provision } from './provision-oci.ts';
import { seedDemoTenancy } from '#local/emulator/seed/index.ts';
import {
  BUCKETS,
  containerEnv,
  EXPORTS_BUCKET,
  FILES_BUCKET,
  FUNCTIONS,
  FUNCTION_SPECS,
  TABLES,
  type FunctionName,
} from '#local/product.ts';
import { eventRules } from './resources.ts';
import { loadStackPolicies } from './iam.ts';
import { loadPrincipalIds, localPrincipalAuth } from './principals.ts';
import { hostAllocatorEnv } from './allocator.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

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
  /** start each function container another way than the host's node (scripts/image-check.ts: from the image) */
  launch?: ContainerLauncher;
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

export interface StackUrls {
  graphql: string;
  apigw: string;
  health: string;
  jwks: string;
  emulator: string;
}

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
  /** invoke exports with `{"task":"reconcileExports"}` as the reconcile schedule does on OCI (its own principal) */
  reconcileExports(): Promise<{ status: number; body: string }>;
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
  const close = () =>
    (closing ??= (async () => {
      for (const c of closers.reverse()) {
        try {
          await c();
        } catch (e: unknown) {
          log.error('error while stopping', { error: e instanceof Error ? e.message : String(e) });
        }
      }
    })());

  try {
    // IAM on: until the manifest's policies are loaded below only the admin may do anything
    const iamLog = log.child({ component: 'iam' });
    const emulator = await startEmulator({
      stateDir,
      port: options.emulatorPort ?? 8081,
      host,
      iam: {
        onDenied: (d) =>
          iamLog.warn('denied: missing permission', {
            operation: `${d.service} ${d.operation}`,
            principal: d.principal,
            missingPermission: d.missingPermission,
            reason: d.message,
            requestId: d.requestId,
          }),
      },
    });
    closers.push(() => emulator.close());
    const tenancyId = emulator.tenancy.tenancyId;
    const auth = new common.ConfigFileAuthenticationDetailsProvider(emulator.admin.configFile, 'DEFAULT');

    const tables = [...TABLES];
    const { namespace } = await provision({
      endpoint: emulator.url,
      auth,
      compartmentId: tenancyId,
      buckets: [...BUCKETS],
      tables,
    });
    if (options.seed ?? true) {
      const seeded = await seedDemoTenancy(emulator);
      if (seeded.applied) log.info('seeded the demo tenancy', { counts: seeded.counts });
    }

    const ids = loadFunctionIds(stateDir);
    const principalIds = loadPrincipalIds(stateDir);
    const policies = loadStackPolicies({
      stateDir,
      functionIds: ids.functions,
      appCompartmentId: tenancyId,
      scheduleId: principalIds.scheduleId,
      exportBuckets: [
        EXPORTS_BUCKET,
        ...(options.functionEnv?.EXPORT_BUCKETS ?? '')
          .split(',')
          .map((b) => b.trim())
          .filter(Boolean),
      ],
      tablePrefix: options.functionEnv?.TABLE_PREFIX ?? '',
    });
    emulator.iam.setPolicies(policies.set);
    for (const u of emulator.iam.policyEngine.unsetVariables()) {
      iamLog.warn('statement names a variable the local IAM never sets; it grants nothing here', {
        source: u.statement.source,
        variables: u.variables,
        statement: u.statement.text,
      });
    }
    log.info("IAM: the deployment's policies are enforced", {
      statements: policies.set.statements.length,
      userStatements: policies.userStatements,
      file: policies.userFile,
    });
    const entry = join(distDir, 'entry.cjs');
    const present = FUNCTIONS.filter((fn) => existsSync(entry) && existsSync(join(distDir, `${fn}.cjs`)));
    const missing = FUNCTIONS.filter((fn) => !present.includes(fn));
    if (missing.length)
      log.warn('function bundles missing; these functions do not run (npm run build?)', { missing, distDir });
    const functionIds: Partial<Record<FunctionName, string>> = {};
    for (const fn of present) functionIds[fn] = ids.functions[fn];

    const baseEnv: Record<string, string> = {
      OCI_ENDPOINT: emulator.url,
      FN_INVOKE_ENDPOINT: emulator.url,
      // short backoffs, enough attempts to ride out ~30 % transient faults (npm run bench:chaos);
      // the call's deadline still bounds them (shared/deadline.ts)
      OCI_RETRY_MAX_ATTEMPTS: '8',
      OCI_RETRY_BASE_MS: '200',
      OCI_RETRY_CAP_MS: '2000',
      FILES_BUCKET,
      EXPORTS_BUCKET,
      OS_NAMESPACE: namespace,
      NOSQL_COMPARTMENT_ID: tenancyId,
      EXPORT_IMAGES_COMPARTMENT_ID: tenancyId,
      ...options.functionEnv,
    };
    const tenancy = options.tenancy ? await tenancyEnv(options.tenancy, options.functionEnv) : undefined;
    if (tenancy)
      log.info('domain functions run against a tenancy', {
        profile: options.tenancy!.profile,
        endpoint: options.tenancy!.endpoint ?? "(the profile region's)",
        namespace: tenancy.env.OS_NAMESPACE,
      });
    // the image's allocator, for containers started here (an image launcher brings its own)
    const allocator = options.launch ? null : hostAllocatorEnv();
    if (!options.launch && !allocator)
      log.warn('jemalloc not found: local containers use glibc malloc, the image preloads jemalloc', {
        fix: 'apt-get install libjemalloc2',
      });
    const envFor = (fn: FunctionName): Record<string, string> => {
      // the tier's V8 flags and arena count, as Terraform sets them (deployment/node-args.ts); a
      // NODE_OPTIONS of options.functionEnv (e.g. the chaos bench's memory probe) comes after them
      const tierEnv = containerEnv(FUNCTION_SPECS[fn].memoryMb);
      const extra = options.functionEnv?.NODE_OPTIONS;
      const env: Record<string, string> = {
        ...tierEnv,
        ...allocator,
        ...(tenancy && fn !== 'gateway' ? tenancy.env : baseEnv),
        NODE_OPTIONS: extra ? `${tierEnv.NODE_OPTIONS} ${extra}` : tierEnv.NODE_OPTIONS,
        FUNCTION_NAME: fn,
      };
      if (fn === 'gateway')
        for (const other of present)
          if (other !== 'gateway') env[`FN_ID_${other.toUpperCase()}`] = ids.functions[other];
      return env;
    };
    const principalFor = (fn: FunctionName) =>
      tenancy && fn !== 'gateway'
        ? { profile: { configFile: options.tenancy!.configFile, name: options.tenancy!.profile } }
        : {};

    let runner: Runner | undefined;
    if (present.length) {
      runner = await startRunner({
        emulator: { url: emulator.url, configFile: emulator.admin.configFile },
        workDir: join(stateDir, 'runner'),
        initTimeoutMs: options.initTimeoutMs ?? 10_000,
        ...(options.runnerLog ? { log: options.runnerLog } : {}),
        ...(options.launch ? { launch: options.launch } : {}),
        functions: present.map((fn) => ({
          name: fn,
          id: ids.functions[fn],
          appId: ids.appId,
          compartmentId: tenancyId,
          entry,
          env: envFor(fn),
          ...principalFor(fn),
          memoryMb: FUNCTION_SPECS[fn].memoryMb,
          timeoutSeconds: FUNCTION_SPECS[fn].timeoutSeconds,
        })),
      });
      const r = runner;
      closers.push(() => r.close());
      const fns = emulator.provider<FunctionsProvider>('functions');
      if (!fns) throw new Error('the emulator has no functions provider');
      for (const fn of present) {
        const id = ids.functions[fn];
        fns.register(
          id,
          { invoke: (req) => r.invoke(id, req) },
          { displayName: fn, applicationId: ids.appId, compartmentId: tenancyId, ...settingsMeta(fn) },
        );
      }
    }

    // each caller signs as the principal it is on OCI, so the deployment's policies decide
    const eventsInvoker = createInvokeClient({
      endpoint: emulator.url,
      auth: localPrincipalAuth(emulator.tenancy, { kind: 'service', serviceName: 'cloudEvents' }),
    });
    const gatewayInvoker = createInvokeClient({
      endpoint: emulator.url,
      auth: localPrincipalAuth(emulator.tenancy, {
        kind: 'resource',
        resourceType: 'ApiGateway',
        resourceId: principalIds.apiGatewayId,
        compartmentId: tenancyId,
      }),
    });
    const scheduleInvoker = createInvokeClient({
      endpoint: emulator.url,
      auth: localPrincipalAuth(emulator.tenancy, {
        kind: 'resource',
        resourceType: 'resourceschedule',
        resourceId: principalIds.scheduleId,
        compartmentId: tenancyId,
      }),
    });
    const router = createEventsRouter({
      rules: eventRules(functionIds),
      invoker: eventsInvoker,
      log: log.child({ component: 'events' }),
      ...(options.eventsRetry ? { retry: options.eventsRetry } : {}),
    });
    router.attach(emulator.events);
    closers.push(() => router.close());

    const issuer = await openDevIssuer({ stateDir });
    const routes = ROUTES.filter((r) => !r.function || functionIds[r.function as FunctionName]);
    const apigw = await startApiGateway({
      port: options.port ?? 8080,
      host,
      routes,
      invoker: gatewayInvoker,
      jwks: issuer.jwks,
      log: log.child({ component: 'apigw' }),
      functions: Object.fromEntries(Object.entries(functionIds)) as Record<string, string>,
      jwt: { issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwks },
      // the web app (dist/web, built by npm run build) signs in through the dev issuer here
      web: { dir: join(REPO_ROOT, 'dist', 'web'), config: { auth: 'dev', graphqlUrl: '/graphql' } },
      devIssuer: issuer,
    });
    closers.push(() => apigw.close());

    return {
      urls: {
        graphql: `${apigw.url}/graphql`,
        apigw: apigw.url,
        health: `${apigw.url}/health`,
        jwks: `${apigw.url}/.well-known/jwks.json`,
        emulator: emulator.url,
      },
      stateDir,
      ociConfigFile: emulator.admin.configFile,
      functionIds,
      missing,
      mintToken: (o) => issuer.mintToken(o),
      async reconcileExports() {
        const id = functionIds.exports;
        if (!id) throw new Error('the exports function does not run (no bundle)');
        const r = await scheduleInvoker.invoke({
          functionId: id,
          headers: { 'content-type': 'application/json' },
          body: Buffer.from(JSON.stringify({ task: 'reconcileExports' })),
        });
        return { status: r.status, body: r.body.toString('utf8') };
      },
      emulator,
      runner,
      router,
      apigw,
      close,
    };
  } catch (e: unknown) {
    await close();
    throw e;
  }
}

function settingsMeta(fn: FunctionName) {
  const s = FUNCTION_SPECS[fn];
  return { memoryInMBs: s.memoryMb, timeoutInSeconds: s.timeoutSeconds };
}
