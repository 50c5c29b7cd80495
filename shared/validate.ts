/**
 * Domain validation of input, one idiom for every function and shared module: `requireX(value, field, ...)`
 * answers the checked value or throws BadUserInputError (BAD_USER_INPUT) whose message names the field
 * and whose `extensions.field` is it. GraphQL has already checked types, non-null-ness and enum values
 * (resolvers are typed from the schema): these check what it cannot, such as ranges, lengths and
 * formats. A module's own rules (OCIDs, file names, SSH keys, export prefixes) follow the same shape,
 * built on {@link badInput}.
 */
import { BadUserInputError } from './errors.ts';

/**
 * The error of a bad `field`: BAD_USER_INPUT with `extensions.field` (and any `more` figures).
 * `message` names the field.
 */
export function badInput(field: string, message: string, more: Record<string, unknown> = {}): BadUserInputError {
  return new BadUserInputError(message, { details: { ...more, field } });
}

/** A string of `min` (default 1) to `max` characters, matching `pattern` when given (`hint` says how). */
export function requireString(
  value: string,
  field: string,
  o: { min?: number; max: number; pattern?: RegExp; hint?: string },
): string {
  const min = o.min ?? 1;
  if (value.length < min || value.length > o.max)
    throw badInput(field, `${field} must be ${min} to ${o.max} characters`);
  if (o.pattern && !o.pattern.test(value)) throw badInput(field, `${field} ${o.hint ?? 'has an invalid format'}`);
  return value;
}

/** An integer from `min` to `max`. */
export function requireInt(value: number, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw badInput(field, `${field} must be an integer from ${min} to ${max}`);
  return value;
}

/** A finite number from `min` to `max`. */
export function requireNumber(value: number, field: string, min: number, max: number): number {
  if (!Number.isFinite(value) || value < min || value > max)
    throw badInput(field, `${field} must be a number from ${min} to ${max}`);
  return value;
}

/** A list of at most `max` items, each checked by `each` (named `field[i]`); duplicates are dropped. */
export function requireList<T, U>(
  value: readonly T[],
  field: string,
  max: number,
  each: (v: T, field: string) => U,
): U[] {
  if (value.length > max) throw badInput(field, `${field} may hold at most ${max} items`);
  return [...new Set(value.map((v, i) => each(v, `${field}[${i}]`)))];
}

const DURATION = /^(\d{1,4})([mhd])$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** An MQL-style duration (`5m`, `1h`, `1d`) within [minMs, maxMs]; answers ms and the text. */
export function requireDuration(
  value: string,
  field: string,
  minMs: number,
  maxMs: number,
): { ms: number; text: string } {
  const m = DURATION.exec(value);
  if (!m) throw badInput(field, `${field} must be a duration like 5m, 1h or 1d`);
  const ms = Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
  if (ms < minMs || ms > maxMs)
    throw badInput(field, `${field} must be between ${minMs / 60_000} minutes and ${maxMs / 3_600_000} hours`);
  return { ms, text: value };
}
