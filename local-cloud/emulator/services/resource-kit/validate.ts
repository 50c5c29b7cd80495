/** Input checks shared by the resource providers: OCIDs, strings, numbers, tags, not-found. */
import { OciErrors, type OciServiceError } from '../../core/errors.ts';
import { isOcid } from '../../core/ids.ts';

/** 400 InvalidParameter unless `value` is a syntactically valid OCID. */
export function ocid(value: unknown, name: string): string {
  if (value === undefined || value === null || value === '') throw OciErrors.missingParameter(`${name} is required`);
  if (!isOcid(value)) throw OciErrors.invalidParameter(`${name} '${String(value)}' is not a valid OCID`);
  return value;
}

export function optionalOcid(value: unknown, name: string): string | undefined {
  return value === undefined || value === null ? undefined : ocid(value, name);
}

/** 404 NotAuthorizedOrNotFound, OCI's answer for an unknown (or foreign) resource. */
export function notFound(kind: string, id: string): OciServiceError {
  return OciErrors.notAuthorizedOrNotFound(`Authorization failed or requested resource not found: ${kind} ${id}`);
}

export function str(value: unknown, name: string, o: { max?: number; pattern?: RegExp } = {}): string {
  if (value === undefined || value === null || value === '') throw OciErrors.missingParameter(`${name} is required`);
  return optionalStr(value, name, o)!;
}

export function optionalStr(
  value: unknown,
  name: string,
  o: { max?: number; pattern?: RegExp } = {},
): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw OciErrors.invalidParameter(`${name} must be a string`);
  if (value.length > (o.max ?? 255))
    throw OciErrors.invalidParameter(`${name} must be at most ${o.max ?? 255} characters`);
  if (o.pattern && !o.pattern.test(value))
    throw OciErrors.invalidParameter(`${name} '${value}' does not match ${o.pattern}`);
  return value;
}

export function optionalNum(
  value: unknown,
  name: string,
  o: { min?: number; max?: number; integer?: boolean } = {},
): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || (o.integer && !Number.isInteger(value))) {
    throw OciErrors.invalidParameter(`${name} must be a${o.integer ? 'n integer' : ' number'}`);
  }
  if ((o.min !== undefined && value < o.min) || (o.max !== undefined && value > o.max)) {
    throw OciErrors.invalidParameter(`${name} must be from ${o.min ?? '-∞'} to ${o.max ?? '∞'}, got ${value}`);
  }
  return value;
}

export function optionalBool(value: unknown, name: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw OciErrors.invalidParameter(`${name} must be a boolean`);
  return value;
}

/** Freeform tags: a flat object of string → string. */
export function freeformTags(value: unknown, name = 'freeformTags'): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw OciErrors.invalidParameter(`${name} must be an object of strings`);
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw OciErrors.invalidParameter(`${name}.${k} must be a string`);
  }
  return { ...(value as Record<string, string>) };
}

export function definedTags(value: unknown): Record<string, Record<string, unknown>> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw OciErrors.invalidParameter('definedTags must be an object of objects');
  return value as Record<string, Record<string, unknown>>;
}

export function oneOf<T extends string>(value: unknown, name: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw OciErrors.invalidParameter(`${name} must be one of ${allowed.join(', ')}, got '${String(value)}'`);
  }
  return value as T;
}

export function obj(value: unknown, name: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw OciErrors.invalidParameter(`${name} must be an object`);
  return value as Record<string, unknown>;
}
