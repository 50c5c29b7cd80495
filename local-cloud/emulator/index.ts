/**
 * The local OCI emulator: one HTTP server answering the OCI REST APIs the functions use, each
 * service a provider behind one pipeline (core/pipeline.ts). See ARCHITECTURE.md "Local stack".
 *
 * @example
 * const emu = await startEmulator({ stateDir: '/tmp/state', port: 0 });
 * const os = new ObjectStorageClient({ authenticationDetailsProvider: provider });
 * os.endpoint = emu.url;
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventBus } from './core/events.ts';
import { FaultInjector } from './core/faults.ts';
import { createPipeline } from './core/pipeline.ts';
import { RequestLog } from './core/request-log.ts';
import { Router } from './core/router.ts';
import { StateStore } from './core/store.ts';
import { Tenancy, type AdminProfile } from './core/tenancy.ts';
import { EmulatorIam, type EmulatorIamOptions } from './iam/index.ts';
import type { FunctionsProvider } from './services/functions/provider.ts';
import type { Provider, ProviderContext, ProviderFactory } from './core/types.ts';
import { hooksProvider } from './services/hooks/provider.ts';
import { defaultProviders } from './services/index.ts';

export interface EmulatorOptions {
  /** where state lives; survives restarts */
  stateDir: string;
  /** @default 8081; 0 picks a free port */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default defaultProviders */
  providers?: ProviderFactory[];
  /** verify OCI request signatures @default true */
  verifySignatures?: boolean;
  /** the services' clock (ms since epoch): TTLs, PAR expiry, lifecycle transitions @default Date.now */
  now?: () => number;
  /**
   * the clock signatures are checked against (5-minute skew). Callers sign with the real clock, so
   * this stays the wall clock even when tests shift `now`. @default Date.now
   */
  signatureClock?: () => number;
  /** internal errors are reported here @default console.error */
  onError?: (e: unknown) => void;
  /**
   * IAM: signed requests are checked against the policies (the admin may do everything; other
   * principals what the statements grant). `{ enforce: false }` lets every signed caller do
   * anything, as before IAM existed. @default enforced, admin policy only
   */
  iam?: EmulatorIamOptions;
}

export interface Emulator {
  url: string;
  port: number;
  store: StateStore;
  tenancy: Tenancy;
  admin: AdminProfile;
  events: EventBus;
  faults: FaultInjector;
  requests: RequestLog;
  /** the policies the emulator enforces; `iam.setPolicies(...)` replaces them */
  iam: EmulatorIam;
  provider<T extends Provider>(name: string): T | undefined;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const store = new StateStore(options.stateDir);
  const tenancy = new Tenancy(store);
  const events = new EventBus();
  const faults = new FaultInjector();
  const log = new RequestLog();
  const router = new Router();
  const providers = new Map<string, Provider>();
  let baseUrl = '';
  const ctx: ProviderContext = {
    store,
    tenancy,
    events,
    baseUrl: () => baseUrl,
    now: options.now ?? Date.now,
    provider: <T extends Provider>(name: string) => providers.get(name) as T | undefined,
  };
  const all = [
    (c: ProviderContext) =>
      hooksProvider(
        c,
        {
          faults,
          log,
          services: () => [...providers.keys()],
          reset: (names) => {
            store.reset(names);
            if (names.includes('objectstorage')) store.blobs.clear();
            for (const n of names) providers.get(n)?.onReset?.();
          },
        },
        { allowedHosts: bindHosts(options.host) },
      ),
    ...(options.providers ?? defaultProviders),
  ];
  for (const factory of all) {
    const p = factory(ctx);
    providers.set(p.name, p);
    router.add(p);
  }
  const onError = options.onError ?? ((e: unknown) => console.error('[emulator] internal error', e));
  const iam = new EmulatorIam(
    {
      store,
      tenancyId: tenancy.tenancyId,
      namespace: tenancy.namespace,
      adminUserId: tenancy.record.adminUserId,
      functionCompartment: (id) => ctx.provider<FunctionsProvider>('functions')?.compartmentOf(id),
    },
    options.iam,
  );
  const handle = createPipeline({
    router,
    keys: tenancy,
    faults,
    log,
    iam,
    verifySignatures: options.verifySignatures ?? true,
    now: options.signatureClock ?? Date.now,
    onError,
  });
  const server: Server = createServer((req, res) => void handle(req, res).catch(onError));
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8081, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${options.host ?? '127.0.0.1'}:${port}`;
  return {
    url: baseUrl,
    port,
    store,
    tenancy,
    admin: tenancy.admin,
    events,
    faults,
    requests: log,
    iam,
    provider: ctx.provider,
    async close() {
      for (const p of providers.values()) await p.close?.();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** The bind address as a Host header names it, when it is a specific (not wildcard) one. */
function bindHosts(host: string | undefined): string[] {
  if (host === undefined || host === '0.0.0.0' || host === '::') return [];
  return [host.includes(':') ? `[${host}]` : host];
}

export type {
  Provider,
  ProviderContext,
  ProviderFactory,
  Route,
  EmulatorRequest,
  EmulatorResponse,
} from './core/types.ts';
export { OciErrors, OciServiceError } from './core/errors.ts';
