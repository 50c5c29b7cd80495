/**
 * Input validation for the resources subschema: every argument is checked before any OCI call;
 * a failure is BAD_USER_INPUT naming the argument.
 */
import { BadUserInputError } from '#shared/errors.ts';

export { ocidType, requireOcid } from '#shared/ocid.ts';

export const COMPARTMENT_TYPES = ['compartment', 'tenancy'] as const;

export function requireOneOf<T extends string>(value: unknown, name: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new BadUserInputError(`${name} must be one of ${allowed.join(', ')}`, { details: { argument: name } });
  }
  return value as T;
}

export function requireString(
  value: unknown,
  name: string,
  o: { min?: number; max: number; pattern?: RegExp; hint?: string },
): string {
  if (typeof value !== 'string')
    throw new BadUserInputError(`${name} must be a string`, { details: { argument: name } });
  if (value.length < (o.min ?? 1) || value.length > o.max)
    throw new BadUserInputError(`${name} must be ${o.min ?? 1} to ${o.max} characters`, {
      details: { argument: name },
    });
  if (o.pattern && !o.pattern.test(value))
    throw new BadUserInputError(`${name} ${o.hint ?? 'has an invalid format'}`, { details: { argument: name } });
  return value;
}

export function requireInt(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new BadUserInputError(`${name} must be an integer from ${min} to ${max}`, { details: { argument: name } });
  }
  return value;
}

export function requireNumber(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new BadUserInputError(`${name} must be a number from ${min} to ${max}`, { details: { argument: name } });
  }
  return value;
}

/** A list of at most `max` distinct items, each validated by `each`. */
export function requireList<T>(value: unknown, name: string, max: number, each: (v: unknown, n: string) => T): T[] {
  if (!Array.isArray(value)) throw new BadUserInputError(`${name} must be a list`, { details: { argument: name } });
  if (value.length > max)
    throw new BadUserInputError(`${name} may hold at most ${max} items`, { details: { argument: name } });
  return [...new Set(value.map((v, i) => each(v, `${name}[${i}]`)))];
}

const DURATION = /^(\d{1,4})([mhd])$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** An MQL-style duration (`5m`, `1h`, `1d`) within [minMs, maxMs]; answers ms and the text. */
export function requireDuration(
  value: unknown,
  name: string,
  minMs: number,
  maxMs: number,
): { ms: number; text: string } {
  const m = typeof value === 'string' ? DURATION.exec(value) : null;
  if (!m) throw new BadUserInputError(`${name} must be a duration like 5m, 1h or 1d`, { details: { argument: name } });
  const ms = Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
  if (ms < minMs || ms > maxMs)
    throw new BadUserInputError(`${name} must be between ${minMs / 60_000} minutes and ${maxMs / 3_600_000} hours`, {
      details: { argument: name },
    });
  return { ms, text: value as string };
}

/** An OpenSSH public key line (ssh-ed25519, ssh-rsa, ecdsa-sha2-*). */
export function requireSshPublicKey(value: unknown, name: string): string {
  const v = requireString(value, name, { max: 16_384 }).trim();
  if (!/^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/]+={0,3}( [^\r\n]*)?$/.test(v)) {
    throw new BadUserInputError(`${name} must be an OpenSSH public key (ssh-ed25519, ssh-rsa or ecdsa-sha2-*)`, {
      details: { argument: name },
    });
  }
  return v;
}
