/**
 * Test hooks on a path no OCI API uses (`/_emulator/...`), never signed. They inspect state and
 * the request log, reset state, and set fault rules at run time.
 *
 * The hooks are local, unauthenticated and meant for tests, so they only answer what a local
 * test can send and a web page cannot (`hookGuard`): a loopback `Host` (DNS rebinding sends the
 * attacker's host name), no foreign `Origin` (a page the developer opens sends its own), and
 * `application/json` on every write (a cross-site form or `fetch` without a CORS preflight can
 * only send text/plain, form encodings or multipart; DELETE always needs a preflight, which the
 * emulator never grants).
 */
import { OciErrors, OciServiceError } from '../../core/errors.ts';
import type { FaultInjector } from '../../core/faults.ts';
import type { RequestLog } from '../../core/request-log.ts';
import type { EmulatorRequest, EmulatorResponse, Provider, ProviderContext, Route } from '../../core/types.ts';

export interface HooksDeps {
  faults: FaultInjector;
  log: RequestLog;
  /** every provider's name, for reset */
  services(): string[];
  reset(services: string[]): void;
}

const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]|\[::ffff:127(?:\.\d{1,3}){3}\])(?::\d{1,5})?$/i;

/** Whether a `Host` header or an Origin's host names this machine's loopback interface. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOST.test(host.trim());
}

const forbidden = (message: string) => new OciServiceError(403, 'NotAllowed', message);

/**
 * Refuses a hook request a web page or a rebound DNS name could have sent (see the header).
 * `allowedHosts` adds the emulator's own bind address when it is not a loopback one.
 */
export function hookGuard(req: Pick<EmulatorRequest, 'method' | 'header'>, allowedHosts: readonly string[] = []): void {
  const host = req.header('host') ?? '';
  if (
    !isLoopbackHost(host) &&
    !allowedHosts.some(
      (h) => host.toLowerCase() === h.toLowerCase() || host.toLowerCase().startsWith(`${h.toLowerCase()}:`),
    )
  ) {
    throw forbidden(`the emulator's /_emulator hooks answer loopback hosts only, not Host "${host}"`);
  }
  const origin = req.header('origin');
  if (origin !== undefined) {
    let originHost = '';
    try {
      originHost = new URL(origin).host;
    } catch {
      /* "null" and other opaque origins are foreign */
    }
    if (!isLoopbackHost(originHost))
      throw forbidden(`the emulator's /_emulator hooks refuse requests from web pages (Origin "${origin}")`);
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    const type = (req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') {
      throw new OciServiceError(
        415,
        'UnsupportedMediaType',
        `writes to the emulator's /_emulator hooks need content-type: application/json, got "${type || 'none'}"`,
      );
    }
  }
}

/** Options of {@link hooksProvider}. */
export interface HooksOptions {
  /** host names besides loopback the hooks answer (the emulator's bind address when not loopback) */
  allowedHosts?: readonly string[];
}

export function hooksProvider(ctx: ProviderContext, deps: HooksDeps, options: HooksOptions = {}): Provider {
  const guarded = (route: Route): Route => ({
    ...route,
    handler: (req: EmulatorRequest): Promise<EmulatorResponse> | EmulatorResponse => {
      hookGuard(req, options.allowedHosts);
      return route.handler(req);
    },
  });
  return {
    name: 'emulator',
    prefixes: ['/_emulator'],
    routes: (
      [
        {
          method: 'GET',
          path: '/_emulator/health',
          operation: 'Health',
          auth: 'none',
          handler: () => ({ body: { status: 'ok', services: deps.services() } }),
        },
        {
          method: 'GET',
          path: '/_emulator/admin',
          operation: 'GetAdmin',
          auth: 'none',
          handler: () => {
            const a = ctx.tenancy.admin;
            return {
              body: {
                tenancyId: a.tenancyId,
                userId: a.userId,
                region: a.region,
                configFile: a.configFile,
                profile: a.profile,
                namespace: ctx.tenancy.namespace,
              },
            };
          },
        },
        {
          method: 'GET',
          path: '/_emulator/state',
          operation: 'GetState',
          auth: 'none',
          handler: (req) => {
            const service = req.query('service');
            const collection = req.query('collection');
            if (service && collection)
              return { body: { service, collection, records: ctx.store.dump(service, collection) } };
            return { body: ctx.store.summary(service) };
          },
        },
        {
          method: 'GET',
          path: '/_emulator/requests',
          operation: 'GetRequests',
          auth: 'none',
          handler: (req) => {
            const since = req.query('since');
            const entries = deps.log.query({
              ...(req.query('service') ? { service: req.query('service')! } : {}),
              ...(req.query('operation') ? { operation: req.query('operation')! } : {}),
              ...(since !== undefined ? { sinceSeq: Number(since) } : {}),
            });
            return { body: { lastSeq: deps.log.lastSeq, requests: entries } };
          },
        },
        {
          method: 'DELETE',
          path: '/_emulator/requests',
          operation: 'ClearRequests',
          auth: 'none',
          handler: () => {
            deps.log.clear();
            return { status: 204 };
          },
        },
        {
          method: 'POST',
          path: '/_emulator/reset',
          operation: 'Reset',
          auth: 'none',
          handler: (req) => {
            const body = req.json<{ services?: unknown }>();
            const all = deps.services().filter((s) => s !== 'identity' && s !== 'emulator');
            let services = all;
            if (body.services !== undefined) {
              if (
                !Array.isArray(body.services) ||
                body.services.some((s) => typeof s !== 'string' || !all.includes(s))
              ) {
                throw OciErrors.invalidParameter(`services must be a list of: ${all.join(', ')}`);
              }
              services = body.services as string[];
            }
            deps.reset(services);
            deps.faults.clear();
            return { body: { reset: services } };
          },
        },
        {
          method: 'GET',
          path: '/_emulator/faults',
          operation: 'ListFaults',
          auth: 'none',
          handler: () => ({ body: { rules: deps.faults.list() } }),
        },
        {
          method: 'POST',
          path: '/_emulator/faults',
          operation: 'AddFault',
          auth: 'none',
          handler: (req) => ({ status: 201, body: deps.faults.add(req.json()) }),
        },
        {
          method: 'DELETE',
          path: '/_emulator/faults',
          operation: 'ClearFaults',
          auth: 'none',
          handler: () => {
            deps.faults.clear();
            return { status: 204 };
          },
        },
        {
          method: 'DELETE',
          path: '/_emulator/faults/{id}',
          operation: 'DeleteFault',
          auth: 'none',
          handler: (req) => {
            if (!deps.faults.remove(req.params.id!)) throw OciErrors.notFound('NotFound', 'No such fault rule');
            return { status: 204 };
          },
        },
      ] satisfies Route[]
    ).map(guarded),
  };
}
