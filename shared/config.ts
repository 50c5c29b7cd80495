/**
 * Typed access to configuration. Fn config (app + function) arrives as environment variables, so
 * every function reads its settings here instead of touching `process.env` ad hoc.
 * Modelled on Powertools `envUtils` (getStringFromEnv / getNumberFromEnv / getBooleanFromEnv):
 * a missing variable without a default is a clear error naming the variable, and a malformed
 * value is never silently replaced by the default.
 */
import { AppError, ErrorCode } from './errors.ts';

/** An environment source; defaults to `process.env`. Tests pass a plain object. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Missing or malformed configuration. Maps to 500: it is a deployment problem, not user input. */
export class ConfigError extends AppError {
  readonly variable: string;
  constructor(variable: string, message: string) {
    super(ErrorCode.Internal, 500, message, { details: { variable } });
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

const TRUTHY = new Set(['1', 'true', 'yes', 'on', 'y']);
const FALSY = new Set(['0', 'false', 'no', 'off', 'n']);

function raw(name: string, env: Env): string | undefined {
  const v = env[name];
  // Treat empty and whitespace-only values as unset: Fn config cannot delete an inherited app key,
  // only blank it.
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

/**
 * A string variable. Throws {@link ConfigError} when unset and no default is given.
 * @example const bucket = envString('FILES_BUCKET', 'user-files');
 */
export function envString(name: string, defaultValue?: string, env: Env = process.env): string {
  const v = raw(name, env);
  if (v !== undefined) return v;
  if (defaultValue !== undefined) return defaultValue;
  throw new ConfigError(name, `environment variable ${name} is required but not set`);
}

/** An optional string variable: `undefined` when unset or blank. */
export function envOptional(name: string, env: Env = process.env): string | undefined {
  return raw(name, env);
}

/**
 * An integer variable (decimal, optional sign). A set but non-integer value is an error, never the default.
 * @example const timeoutMs = envInt('FN_TIMEOUT_MS', 30_000);
 */
export function envInt(name: string, defaultValue?: number, env: Env = process.env): number {
  const v = raw(name, env);
  if (v === undefined) {
    if (defaultValue !== undefined) return defaultValue;
    throw new ConfigError(name, `environment variable ${name} is required but not set`);
  }
  if (!/^[+-]?\d+$/.test(v) || !Number.isSafeInteger(Number(v))) {
    throw new ConfigError(name, `environment variable ${name} must be an integer, got "${v}"`);
  }
  return Number(v);
}

/**
 * A boolean variable: `1/true/yes/on/y` or `0/false/no/off/n` (case-insensitive).
 * @example if (envBool('DEBUG_SQL', false)) { ... }
 */
export function envBool(name: string, defaultValue?: boolean, env: Env = process.env): boolean {
  const v = raw(name, env);
  if (v === undefined) {
    if (defaultValue !== undefined) return defaultValue;
    throw new ConfigError(name, `environment variable ${name} is required but not set`);
  }
  const lower = v.toLowerCase();
  if (TRUTHY.has(lower)) return true;
  if (FALSY.has(lower)) return false;
  throw new ConfigError(
    name,
    `environment variable ${name} must be a boolean (true/false/1/0/yes/no/on/off), got "${v}"`,
  );
}
