/**
 * Roles and the caller identity every subschema sees. Roles are ordered: viewer < operator < admin;
 * holding a higher role implies the lower ones.
 */
import { ForbiddenError } from '../errors.ts';

/** Every known role, lowest first. */
export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Readonly<Record<Role, number>> = { viewer: 1, operator: 2, admin: 3 };

/** The authenticated user a request runs for (set by the API Gateway after JWT validation). */
export interface Caller {
  userId: string;
  roles: readonly Role[];
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && Object.hasOwn(RANK, value);
}

/**
 * The known roles in `values` (e.g. a JWT `roles` claim or the comma separated `X-User-Roles`
 * header), deduplicated, lowest first; unknown entries are ignored.
 */
export function knownRoles(values: Iterable<string>): Role[] {
  const seen = new Set<string>();
  for (const v of values) seen.add(v.trim());
  return ROLES.filter((r) => seen.has(r));
}

/** True when `caller` holds `min` or a higher role. */
export function hasRole(caller: Caller | undefined, min: Role): boolean {
  if (!caller) return false;
  const need = RANK[min];
  return caller.roles.some((r) => isRole(r) && RANK[r] >= need);
}

/**
 * Throws {@link ForbiddenError} (code FORBIDDEN, 403) unless `caller` holds `min` or higher.
 * @example requireRole(ctx.caller, 'operator');
 */
export function requireRole(caller: Caller | undefined, min: Role): void {
  if (!hasRole(caller, min))
    throw new ForbiddenError(`this operation requires the ${min} role`, { details: { requiredRole: min } });
}

/** Who acts, as domain services see it: the verified user id and whether they hold the admin role. */
export interface Actor {
  /** The verified user id (JWT `sub`), e.g. `alice`, `alice@example.com`, `auth0|123`. */
  userId: string;
  isAdmin: boolean;
}

/** The {@link Actor} of an authenticated caller. */
export function actorOf(caller: Caller): Actor {
  return { userId: caller.userId, isAdmin: hasRole(caller, 'admin') };
}
