/**
 * OCID syntax, in one place for every function: `ocid1.<resource type>.<realm>.[region][.future].<unique>`
 * (docs "Resource Identifiers"). Syntax only; whether the resource exists is the service's answer.
 */
import { badInput } from './validate.ts';

const OCID = /^ocid1\.([a-z0-9_-]+)\.[a-z0-9]+\.[a-z0-9-]*(\.[a-z0-9-]+)?\.[a-z0-9]{1,255}$/;

/** The OCID's resource type (`instance`, `compartment`, ...), or undefined when it is not an OCID. */
export function ocidType(value: unknown): string | undefined {
  return typeof value === 'string' && value.length <= 255 ? OCID.exec(value)?.[1] : undefined;
}

/**
 * A syntactically valid OCID, optionally of one of `types` (e.g. `['compartment', 'tenancy']`);
 * anything else is BAD_USER_INPUT naming the field (shared/validate.ts).
 * @example const id = requireOcid(args.id, 'id', ['instance']);
 */
export function requireOcid(value: string, field: string, types?: readonly string[]): string {
  if (value.length > 255) throw badInput(field, `${field} must be an OCID`);
  const t = ocidType(value);
  if (!t) throw badInput(field, `${field} is not a valid OCID: "${value.slice(0, 80)}"`);
  if (types && !types.includes(t))
    throw badInput(field, `${field} must be the OCID of a ${types.join(' or ')}, got a ${t}`);
  return value;
}
