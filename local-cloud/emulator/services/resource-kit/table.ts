/**
 * A collection of OCI resources in the store, with the checks every provider repeats: OCID syntax
 * (400), unknown id (404), lifecycle settling on read, ETags and `if-match`, and list answers
 * (filters, sort, pagination).
 */
import { OciErrors } from '../../core/errors.ts';
import { newEtag } from '../../core/ids.ts';
import type { Collection } from '../../core/store.ts';
import type { EmulatorRequest, EmulatorResponse, ProviderContext } from '../../core/types.ts';
import { publicView, settle, type Lifecycled } from './lifecycle.ts';
import { paginate, type PageOptions } from './paging.ts';
import { notFound, ocid } from './validate.ts';

export interface ResourceRecord extends Lifecycled {
  id: string;
  compartmentId: string;
  timeCreated: string;
  displayName?: string;
  name?: string;
  freeformTags?: Record<string, string>;
  definedTags?: Record<string, Record<string, unknown>>;
  _etag?: string;
}

export class ResourceTable<T extends ResourceRecord> {
  readonly col: Collection<T>;
  constructor(
    private readonly ctx: ProviderContext,
    service: string,
    collection: string,
    readonly kind: string,
  ) {
    this.col = ctx.store.collection<T>(service, collection);
  }

  /** The record with due transitions applied (and persisted), or undefined. */
  find(id: string): T | undefined {
    const rec = this.col.get(id);
    if (rec && settle(rec, this.ctx.now())) this.col.put(id, rec);
    return rec;
  }

  /** 400 for a malformed OCID, 404 for an unknown one. */
  require(id: unknown, name = `${this.kind}Id`): T {
    const v = ocid(id, name);
    const rec = this.find(v);
    if (!rec) throw notFound(this.kind, v);
    return rec;
  }

  all(): T[] {
    return this.col
      .keys()
      .map((k) => this.find(k)!)
      .filter(Boolean);
  }

  /**
   * The records whose stored form passes `pre` (a test on fields settling never changes, e.g.
   * compartmentId), settled: lists of one compartment do not settle the whole table.
   */
  allWhere(pre: (stored: T) => boolean): T[] {
    return this.col
      .values()
      .filter(pre)
      .map((r) => this.find(r.id)!)
      .filter(Boolean);
  }

  put(rec: T): T {
    rec._etag = newEtag();
    return this.col.put(rec.id, rec);
  }

  delete(id: string): void {
    this.col.delete(id);
  }

  /** 412 NoEtagMatch when the request's `if-match` is not the record's ETag. */
  checkIfMatch(req: EmulatorRequest, rec: T): void {
    const want = req.header('if-match');
    if (want !== undefined && want !== '*' && want !== rec._etag) {
      throw OciErrors.noEtagMatch(`The if-match ETag does not match the current ETag of ${rec.id}`);
    }
  }

  /** A single-resource answer: the public view plus its `etag` header. */
  answer(
    rec: T,
    o: { status?: number; headers?: Record<string, string | undefined>; view?: (r: T) => unknown } = {},
  ): EmulatorResponse {
    return {
      status: o.status ?? 200,
      headers: { etag: rec._etag, ...o.headers },
      body: o.view ? o.view(rec) : publicView(rec),
    };
  }
}

export interface ListOptions<T> extends PageOptions {
  /** query parameter → record field for exact-match filters, e.g. `{ displayName: 'displayName', vcnId: 'vcnId' }` */
  filters?: Record<string, keyof T>;
  /**
   * sortBy value (case-insensitive) → field
   * @default { timecreated: 'timeCreated', displayname: 'displayName', name: 'name' }
   */
  sortKeys?: Record<string, keyof T>;
  /** @default 'timecreated' */
  defaultSortBy?: string;
  /** the default order of the default sort @default 'DESC' */
  defaultOrder?: 'ASC' | 'DESC';
  view?: (rec: T) => unknown;
  /** answer `{ items: [...] }` (apigateway's *Collection bodies) instead of a bare array */
  wrap?: boolean;
}

/** Filter, sort and page `items` per the request; `lifecycleState` is always a filter. */
export function listAnswer<T extends ResourceRecord>(
  req: EmulatorRequest,
  items: T[],
  o: ListOptions<T> = {},
): EmulatorResponse {
  let rows = items;
  for (const [param, field] of Object.entries({ lifecycleState: 'lifecycleState', ...o.filters } as Record<
    string,
    keyof T
  >)) {
    const want = req.queryAll(param).filter((v) => v !== '');
    if (want.length) rows = rows.filter((r) => want.includes(String(r[field])));
  }
  const sortKeys =
    o.sortKeys ?? ({ timecreated: 'timeCreated', displayname: 'displayName', name: 'name' } as Record<string, keyof T>);
  const sortBy = (req.query('sortBy') ?? o.defaultSortBy ?? 'timecreated').toLowerCase();
  const field = sortKeys[sortBy];
  if (!field)
    throw OciErrors.invalidParameter(
      `sortBy must be one of ${Object.keys(sortKeys).join(', ')} (any case), got '${req.query('sortBy')}'`,
    );
  const orderRaw = req.query('sortOrder');
  if (orderRaw !== undefined && !/^(asc|desc)$/i.test(orderRaw))
    throw OciErrors.invalidParameter(`sortOrder must be ASC or DESC, got '${orderRaw}'`);
  const desc =
    (
      orderRaw ?? (req.query('sortBy') ? (sortBy === 'timecreated' ? 'DESC' : 'ASC') : (o.defaultOrder ?? 'DESC'))
    ).toUpperCase() === 'DESC';
  rows = [...rows].sort((a, b) => {
    const x = String(a[field] ?? ''),
      y = String(b[field] ?? '');
    const c = x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    return desc ? -c : c;
  });
  const page = paginate(req, rows, o);
  const out = page.items.map((r) => (o.view ? o.view(r) : publicView(r)));
  return { headers: page.headers, body: o.wrap ? { items: out } : out };
}

export const isoNow = (ctx: ProviderContext): string => new Date(ctx.now()).toISOString();
