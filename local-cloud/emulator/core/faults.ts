/**
 * Fault rules settable at run time through `/_emulator/faults`: per service and operation, fire
 * with a probability or a fixed number of times, and answer an OCI error, add latency, or drop
 * the connection. Rules are evaluated in order after routing and authentication.
 */
import { randomUUID } from 'node:crypto';
import { OciErrors } from './errors.ts';

export interface FaultRule {
  id: string;
  service?: string;
  operation?: string;
  /** chance to fire, 0..1 @default 1 */
  probability?: number;
  /** fire this many times, then the rule is removed; unlimited when absent */
  count?: number;
  /** answer this status with `code` (e.g. 429 TooManyRequests, 503 ServiceUnavailable) */
  status?: number;
  code?: string;
  message?: string;
  /** added before the request is handled (or before the error) */
  latencyMs?: number;
  /** destroy the connection without an answer */
  drop?: boolean;
  /** seconds, sent as Retry-After with the error */
  retryAfter?: number;
  /**
   * apply the request first, then answer the error or drop the connection: a write whose outcome
   * the client cannot know (what a lost answer looks like on the wire) @default false
   */
  after?: boolean;
}

export type FaultOutcome = {
  latencyMs: number;
  drop: boolean;
  after?: boolean;
  error?: { status: number; code: string; message: string; headers: Record<string, string> };
};

export class FaultInjector {
  private rules: FaultRule[] = [];

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }
  clear(): void {
    this.rules = [];
  }
  remove(id: string): boolean {
    const n = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length !== n;
  }

  add(input: unknown): FaultRule {
    if (!input || typeof input !== 'object') throw OciErrors.invalidParameter('A fault rule must be a JSON object');
    const i = input as Record<string, unknown>;
    const rule: FaultRule = { id: randomUUID() };
    const str = (k: string) => {
      if (i[k] === undefined) return undefined;
      if (typeof i[k] !== 'string') throw OciErrors.invalidParameter(`fault.${k} must be a string`);
      return i[k] as string;
    };
    const num = (k: string, min: number, max: number) => {
      if (i[k] === undefined) return undefined;
      const v = i[k];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max)
        throw OciErrors.invalidParameter(`fault.${k} must be a number in [${min}, ${max}]`);
      return v;
    };
    const set = <K extends keyof FaultRule>(k: K, v: FaultRule[K] | undefined) => {
      if (v !== undefined) rule[k] = v;
    };
    set('service', str('service'));
    set('operation', str('operation'));
    set('probability', num('probability', 0, 1));
    set('count', num('count', 1, 1e9));
    set('status', num('status', 400, 599));
    set('code', str('code'));
    set('message', str('message'));
    set('latencyMs', num('latencyMs', 0, 600_000));
    set('retryAfter', num('retryAfter', 0, 3600));
    if (i.drop !== undefined) {
      if (typeof i.drop !== 'boolean') throw OciErrors.invalidParameter('fault.drop must be a boolean');
      rule.drop = i.drop;
    }
    if (i.after !== undefined) {
      if (typeof i.after !== 'boolean') throw OciErrors.invalidParameter('fault.after must be a boolean');
      rule.after = i.after;
    }
    if (rule.status === undefined && !rule.drop && rule.latencyMs === undefined) {
      throw OciErrors.invalidParameter('A fault rule needs status, drop or latencyMs');
    }
    this.rules.push(rule);
    return rule;
  }

  /** Which faults fire for this request; consumes counts. */
  evaluate(service: string, operation: string, random: () => number = Math.random): FaultOutcome {
    const out: FaultOutcome = { latencyMs: 0, drop: false };
    for (const r of [...this.rules]) {
      if (r.service && r.service.toLowerCase() !== service.toLowerCase()) continue;
      if (r.operation && r.operation.toLowerCase() !== operation.toLowerCase()) continue;
      if (r.probability !== undefined && random() >= r.probability) continue;
      if (r.count !== undefined) {
        r.count -= 1;
        if (r.count <= 0) this.remove(r.id);
      }
      out.latencyMs += r.latencyMs ?? 0;
      if (r.drop) out.drop = true;
      if (r.after && (r.drop || (r.status !== undefined && !out.error))) out.after = true;
      if (r.status !== undefined && !out.error) {
        out.error = {
          status: r.status,
          code: r.code ?? defaultCode(r.status),
          message: r.message ?? `Injected fault for ${service} ${operation}`,
          headers: r.retryAfter !== undefined ? { 'retry-after': String(r.retryAfter) } : {},
        };
      }
    }
    return out;
  }
}

function defaultCode(status: number): string {
  switch (status) {
    case 429:
      return 'TooManyRequests';
    case 409:
      return 'IncorrectState';
    case 500:
      return 'InternalServerError';
    case 503:
      return 'ServiceUnavailable';
    case 404:
      return 'NotAuthorizedOrNotFound';
    case 401:
      return 'NotAuthenticated';
    default:
      return status >= 500 ? 'InternalServerError' : 'InvalidParameter';
  }
}
