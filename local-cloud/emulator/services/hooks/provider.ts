/**
 * Test hooks on a path no OCI API uses (`/_emulator/...`), never signed. They inspect state and
 * the request log, reset state, and set fault rules at run time.
 */
import { OciErrors } from '../../core/errors.ts';
import type { FaultInjector } from '../../core/faults.ts';
import type { RequestLog } from '../../core/request-log.ts';
import type { Provider, ProviderContext } from '../../core/types.ts';

export interface HooksDeps {
  faults: FaultInjector;
  log: RequestLog;
  /** every provider's name, for reset */
  services(): string[];
  reset(services: string[]): void;
}

export function hooksProvider(ctx: ProviderContext, deps: HooksDeps): Provider {
  return {
    name: 'emulator',
    prefixes: ['/_emulator'],
    routes: [
      { method: 'GET', path: '/_emulator/health', operation: 'Health', auth: 'none', handler: () => ({ body: { status: 'ok', services: deps.services() } }) },
      {
        method: 'GET', path: '/_emulator/admin', operation: 'GetAdmin', auth: 'none',
        handler: () => {
          const a = ctx.tenancy.admin;
          return { body: { tenancyId: a.tenancyId, userId: a.userId, region: a.region, configFile: a.configFile, profile: a.profile, namespace: ctx.tenancy.namespace } };
        },
      },
      {
        method: 'GET', path: '/_emulator/state', operation: 'GetState', auth: 'none',
        handler: (req) => {
          const service = req.query('service');
          const collection = req.query('collection');
          if (service && collection) return { body: { service, collection, records: ctx.store.dump(service, collection) } };
          return { body: ctx.store.summary(service) };
        },
      },
      {
        method: 'GET', path: '/_emulator/requests', operation: 'GetRequests', auth: 'none',
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
      { method: 'DELETE', path: '/_emulator/requests', operation: 'ClearRequests', auth: 'none', handler: () => { deps.log.clear(); return { status: 204 }; } },
      {
        method: 'POST', path: '/_emulator/reset', operation: 'Reset', auth: 'none',
        handler: (req) => {
          const body = req.json<{ services?: unknown }>();
          const all = deps.services().filter((s) => s !== 'identity' && s !== 'emulator');
          let services = all;
          if (body.services !== undefined) {
            if (!Array.isArray(body.services) || body.services.some((s) => typeof s !== 'string' || !all.includes(s))) {
              throw OciErrors.invalidParameter(`services must be a list of: ${all.join(', ')}`);
            }
            services = body.services as string[];
          }
          deps.reset(services);
          deps.faults.clear();
          return { body: { reset: services } };
        },
      },
      { method: 'GET', path: '/_emulator/faults', operation: 'ListFaults', auth: 'none', handler: () => ({ body: { rules: deps.faults.list() } }) },
      {
        method: 'POST', path: '/_emulator/faults', operation: 'AddFault', auth: 'none',
        handler: (req) => ({ status: 201, body: deps.faults.add(req.json()) }),
      },
      { method: 'DELETE', path: '/_emulator/faults', operation: 'ClearFaults', auth: 'none', handler: () => { deps.faults.clear(); return { status: 204 }; } },
      {
        method: 'DELETE', path: '/_emulator/faults/{id}', operation: 'DeleteFault', auth: 'none',
        handler: (req) => {
          if (!deps.faults.remove(req.params.id!)) throw OciErrors.notFound('NotFound', 'No such fault rule');
          return { status: 204 };
        },
      },
    ],
  };
}
