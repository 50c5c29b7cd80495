/**
 * List and get routes over one table, for the services the emulator only reads (databases,
 * clusters, gateways, load balancers): their records come from the providers' programmatic
 * `create*` methods (the demo tenancy seed, tests, the bench), not from the REST API.
 */
import type { ProviderContext, Route } from '../../core/types.ts';
import { requireCompartment } from '../identity-compartments/store.ts';
import { settle, transition } from './lifecycle.ts';
import { isoNow, listAnswer, type ResourceRecord, type ListOptions, type ResourceTable } from './table.ts';
import { definedTags, freeformTags } from './validate.ts';
import { newOcid } from '../../core/ids.ts';

export interface ReadonlyFamily<T extends ResourceRecord> extends ListOptions<T> {
  table: ResourceTable<T>;
  /** collection path, e.g. `/20160918/autonomousDatabases` */
  path: string;
  idParam: string;
  list: string;
  get: string;
  /** extra filtering of the compartment's records (e.g. by a required parent id) */
  where?: (rec: T, query: (n: string) => string | undefined) => boolean;
  getView?: (rec: T) => unknown;
}

export function readonlyRoutes<T extends ResourceRecord>(ctx: ProviderContext, f: ReadonlyFamily<T>): Route[] {
  return [
    {
      method: 'GET',
      path: f.path,
      operation: f.list,
      handler: (req) => {
        const compartmentId = requireCompartment(ctx, req.query('compartmentId'));
        const rows = f.table
          .allWhere((r) => r.compartmentId === compartmentId)
          .filter((r) => !f.where || f.where(r, (n) => req.query(n)));
        return listAnswer(req, rows, f);
      },
    },
    {
      method: 'GET',
      path: `${f.path}/{${f.idParam}}`,
      operation: f.get,
      handler: (req) =>
        f.table.answer(f.table.require(req.params[f.idParam], f.idParam), f.getView ? { view: f.getView } : {}),
    },
  ];
}

/** The fields every seeded resource takes. */
export interface SeedCommon {
  compartmentId: string;
  displayName?: string;
  /** the state it is in; a "-ING" start state moves on to `finalState` after `settleMs` */
  lifecycleState?: string;
  freeformTags?: Record<string, string>;
  definedTags?: Record<string, Record<string, unknown>>;
  /** ISO time; default now */
  timeCreated?: string;
}

/** id, compartment (checked), tags, times and lifecycle for a new record. */
export function seedBase(
  ctx: ProviderContext,
  type: string,
  i: SeedCommon,
  o: { finalState: string; settleMs: number },
) {
  const rec = {
    id: newOcid(type),
    compartmentId: requireCompartment(ctx, i.compartmentId),
    timeCreated: i.timeCreated ?? isoNow(ctx),
    freeformTags: freeformTags(i.freeformTags),
    definedTags: definedTags(i.definedTags),
    lifecycleState: o.finalState,
  } as ResourceRecord;
  const start = i.lifecycleState ?? o.finalState;
  if (start !== o.finalState && /ING$/.test(start)) transition(rec, [start, o.finalState], ctx.now(), o.settleMs);
  else rec.lifecycleState = start;
  settle(rec, ctx.now());
  return rec;
}
