/**
 * The compartment tree, shared by every resource provider: compartment records, the three
 * availability domains, and the checks "is this a compartment I know" and "which compartments
 * lie under this one".
 */
import { createHash } from 'node:crypto';
import type { ProviderContext } from '../../core/types.ts';
import { ResourceTable, type ResourceRecord } from '../resource-kit/table.ts';
import { notFound, ocid } from '../resource-kit/validate.ts';

export interface IdentityCompartmentRecord extends ResourceRecord {
  name: string;
  description: string;
  isAccessible: boolean;
}

export const SERVICE = 'identity';
export const compartments = (ctx: ProviderContext) =>
  new ResourceTable<IdentityCompartmentRecord>(ctx, SERVICE, 'compartments', 'compartment');

export const AD_NAMES = ['Uocm:US-ASHBURN-AD-1', 'Uocm:US-ASHBURN-AD-2', 'Uocm:US-ASHBURN-AD-3'] as const;
export const FAULT_DOMAINS = ['FAULT-DOMAIN-1', 'FAULT-DOMAIN-2', 'FAULT-DOMAIN-3'] as const;

/** A stable OCID-shaped id derived from the tenancy (ADs have ids but are not stored). */
export function derivedId(ctx: ProviderContext, type: string, name: string): string {
  const h = createHash('sha256').update(`${ctx.tenancy.tenancyId}/${name}`).digest();
  let s = '';
  for (let i = 0; i < 52; i++) s += 'abcdefghijklmnopqrstuvwxyz234567'[h[i % h.length]! % 32];
  return `ocid1.${type}.oc1..aaaaaaaa${s}`;
}

const LIVE = new Set(['CREATING', 'ACTIVE', 'INACTIVE']);

/**
 * The compartment (or the tenancy, the root compartment) named by `value`: 400 when it is not an
 * OCID, 404 when no live compartment has it.
 */
export function requireCompartment(ctx: ProviderContext, value: unknown, name = 'compartmentId'): string {
  const id = ocid(value, name);
  if (id === ctx.tenancy.tenancyId) return id;
  const rec = compartments(ctx).find(id);
  if (!rec || !LIVE.has(rec.lifecycleState)) throw notFound('compartment', id);
  return id;
}

/** `rootId` and every live compartment below it. */
export function subtreeOf(ctx: ProviderContext, rootId: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const c of compartments(ctx).all()) {
    if (!LIVE.has(c.lifecycleState)) continue;
    const list = children.get(c.compartmentId) ?? [];
    list.push(c.id);
    children.set(c.compartmentId, list);
  }
  const out = new Set<string>([rootId]);
  const stack = [rootId];
  while (stack.length)
    for (const c of children.get(stack.pop()!) ?? [])
      if (!out.has(c)) {
        out.add(c);
        stack.push(c);
      }
  return out;
}

/** Compartment ids to search for a list call: one, or a subtree when `inSubtree`. */
export function scopeOf(ctx: ProviderContext, compartmentId: string, inSubtree: boolean): Set<string> {
  return inSubtree ? subtreeOf(ctx, compartmentId) : new Set([compartmentId]);
}

export function compartmentName(ctx: ProviderContext, id: string): string {
  if (id === ctx.tenancy.tenancyId) return ctx.tenancy.record.tenancyName;
  return compartments(ctx).find(id)?.name ?? id;
}
