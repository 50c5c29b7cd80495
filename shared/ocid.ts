/**
 * OCID syntax, in one place for every function: `ocid1.<resource type>.<realm>.[region][.future].<unique>`
 * (docs "Resource Identifiers"). Syntax only; whether the resource exists is the service's answer.
 */
import { BadUserInputError } from './errors.ts';

const OCID = /^ocid1\.([a-z0-9_-]+)\.[a-z0-9]+\.[a-z0-9-]*(\.[a-z0-9-]+)?\.[a-z0-9]{1,255}$/;

/** The OCID's resource type (`instance`, `compartment`, ...), or undefined when it is not an OCID. */
export function ocidType(value: unknown): string | undefined {
  return typeof value === 'string' && value.length <= 255 ? OCID.exec(value)?.[1] : undefined;
}

/**
 * A syntactically valid OCID, optionally of one of `types` (e.g. `['compartment', 'tenancy']`);
 * anything else is BAD_USER_INPUT naming the argument.
 * @example const id = requireOcid(args.id, 'id', ['instance']);
 */
export function requireOcid(value: unknown, name: string, types?: readonly string[]): string {
  if (typeof value !== 'string' || value.length > 255)
    throw new BadUserInputError(`${name} must be an OCID`, { details: { argument: name } });
  const t = ocidType(value);
  if (!t)
    throw new BadUserInputError(`${name} is not a valid OCID: "${value.slice(0, 80)}"`, {
      details: { argument: name },
    });
  if (types && !types.includes(t))
    throw new BadUserInputError(`${name} must be the OCID of a ${types.join(' or ')}, got a ${t}`, {
      details: { argument: name },
    });
  return value;
}
