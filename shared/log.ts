/**
 * Structured logging: one JSON object per line on stderr (the Fn agent collects stderr).
 * Secrets never reach a log line: `redact` removes known secret fields and token-shaped strings.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const SECRET_KEYS = new RegExp(
  '^(authorization|fingerprint|pass_?phrase|passphrase|private_?key|key_content|key|token|rpst|security_token' +
    '|signature|secret|password|x-content-sha256|opc-obo-token)$',
  'i',
);
// JWT-like (three base64url parts) or PEM blocks
const SECRET_VALUES = [
  /eyJ[\w-]+\.[\w-]+\.[\w-]*/g,
  /-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g,
  /ST\$[\w.-]+/g,
];

export function redactString(s: string): string {
  let out = s;
  for (const re of SECRET_VALUES) out = out.replace(re, '[REDACTED]');
  return out;
}

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[…]';
  if (typeof value === 'string') return redactString(value);
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Error) return { name: value.name, message: redactString(value.message) };
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEYS.test(k) ? '[REDACTED]' : redact(v, depth + 1);
    return out;
  }
  return value;
}

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  /** Fields on every line, e.g. `{ fn: 'quota' }`. */
  base?: Record<string, unknown>;
  /** @default process.env.LOG_LEVEL ?? 'info' */
  level?: LogLevel;
  /** @default line => process.stderr.write(line + '\n') */
  sink?: (line: string) => void;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const envLevel = (process.env.LOG_LEVEL ?? 'info') as LogLevel;
  const min = LEVELS[options.level ?? envLevel] ?? LEVELS.info;
  const sink = options.sink ?? ((line: string) => void process.stderr.write(line + '\n'));
  const base = options.base ?? {};
  const emit = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (LEVELS[level] < min) return;
    const rec = {
      time: new Date().toISOString(),
      level,
      msg: redactString(msg),
      ...base,
      ...(fields ? (redact(fields) as object) : {}),
    };
    sink(JSON.stringify(rec));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger({ ...options, base: { ...base, ...fields } }),
  };
}

export const log = createLogger();
