/**
 * Create/get/list/update/delete routes for one Virtual Network resource family, written once:
 * retry tokens on create, `if-match` on update/delete, displayName and vcnId filters, and a
 * 409 Conflict while dependents exist.
 */
import { OciErrors } from '../../core/errors.ts';
import type { EmulatorRequest, Route } from '../../core/types.ts';
import type { RetryTokens } from '../resource-kit/retry-tokens.ts';
import { listAnswer, type ResourceRecord, type ResourceTable } from '../resource-kit/table.ts';
import { freeformTags, definedTags, optionalStr } from '../resource-kit/validate.ts';

export interface FamilyDef<T extends ResourceRecord> {
  /** operation suffix: `Vcn` → ListVcns, GetVcn, ... */
  kind: string;
  /** collection path, e.g. `/20160918/vcns` */
  path: string;
  /** path parameter name of the id */
  idParam: string;
  table: ResourceTable<T>;
  tokens: RetryTokens;
  /** a validated new record (not stored yet) */
  create(body: Record<string, unknown>, req?: EmulatorRequest): T;
  /** apply kind-specific updatable fields */
  update?(rec: T, body: Record<string, unknown>): void;
  /** why `rec` cannot be deleted now, or undefined */
  blockers?(rec: T): string | undefined;
  /** remove owned records (a VCN's default route table, ...) */
  onDelete?(rec: T): void;
  /** extra exact-match list filters */
  filters?: Record<string, keyof T>;
  /** list needs compartmentId @default true */
  listNeedsCompartment?: boolean;
  requireCompartment(value: unknown): string;
}

export function familyRoutes<T extends ResourceRecord>(def: FamilyDef<T>): Route[] {
  const one = `${def.path}/{${def.idParam}}`;
  return [
    {
      method: 'GET',
      path: def.path,
      operation: `List${def.kind}s`,
      handler: (req) => {
        const compartmentId =
          def.listNeedsCompartment === false && req.query('compartmentId') === undefined
            ? undefined
            : def.requireCompartment(req.query('compartmentId'));
        const rows = def.table.allWhere((r) => compartmentId === undefined || r.compartmentId === compartmentId);
        return listAnswer(req, rows, {
          filters: { displayName: 'displayName', ...def.filters } as Record<string, keyof T>,
        });
      },
    },
    {
      method: 'GET',
      path: one,
      operation: `Get${def.kind}`,
      handler: (req) => def.table.answer(def.table.require(req.params[def.idParam], def.idParam)),
    },
    {
      method: 'POST',
      path: def.path,
      operation: `Create${def.kind}`,
      handler: (req) => {
        const replay = def.tokens.replayed(req);
        if (replay) {
          const prior = def.table.find(replay);
          if (prior) return def.table.answer(prior);
        }
        const rec = def.table.put(def.create(req.json(), req));
        def.tokens.remember(req, rec.id);
        return def.table.answer(rec);
      },
    },
    {
      method: 'PUT',
      path: one,
      operation: `Update${def.kind}`,
      handler: (req) => {
        const rec = def.table.require(req.params[def.idParam], def.idParam);
        def.table.checkIfMatch(req, rec);
        const b = req.json();
        const name = optionalStr(b.displayName, 'displayName');
        def.update?.(rec, b);
        if (name !== undefined) rec.displayName = name;
        if (b.freeformTags !== undefined) rec.freeformTags = freeformTags(b.freeformTags);
        if (b.definedTags !== undefined) rec.definedTags = definedTags(b.definedTags);
        return def.table.answer(def.table.put(rec));
      },
    },
    {
      method: 'DELETE',
      path: one,
      operation: `Delete${def.kind}`,
      handler: (req) => {
        const rec = def.table.require(req.params[def.idParam], def.idParam);
        def.table.checkIfMatch(req, rec);
        const why = def.blockers?.(rec);
        if (why) throw OciErrors.conflict(why);
        def.onDelete?.(rec);
        def.table.delete(rec.id);
        return { status: 204 };
      },
    },
  ];
}

/** The family's create as a function (the seed and other providers create through it). */
export function creator<T extends ResourceRecord>(def: FamilyDef<T>): (body: Record<string, unknown>) => T {
  return (body) => def.table.put(def.create(body));
}
