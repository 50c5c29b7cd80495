/**
 * Events rules as data, matched with OCI Events rule-condition semantics
 * (docs "Matching Events with Filters"): the condition is a JSON object shaped like the event;
 * every field it names must match (AND), an array of values matches any of them (OR), nested
 * objects recurse, string values may use the wildcard `*`, and `{}` matches every event.
 */
import type { OciEventEnvelope } from '#local/emulator/core/events.ts';

import type { Condition, ConditionValue } from '#local/product.ts';

export type { Condition, ConditionValue };

export interface RuleAction {
  /** the function's OCID (OCI action type FAAS) */
  functionId: string;
}

export interface EventRule {
  name: string;
  /** @default true */
  isEnabled?: boolean;
  condition: Condition;
  actions: RuleAction[];
}

function wildcard(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(value);
}

function matchValue(expected: ConditionValue, actual: unknown): boolean {
  if (Array.isArray(expected)) return expected.some((e) => matchValue(e, actual));
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    return matchCondition(expected, actual as Record<string, unknown>);
  }
  if (actual === undefined || actual === null) return false;
  if (Array.isArray(actual)) return actual.some((a) => matchValue(expected, a));
  if (typeof expected === 'string') return typeof actual !== 'object' && wildcard(expected, String(actual));
  return expected === actual;
}

function matchCondition(condition: Condition, actual: Record<string, unknown>): boolean {
  return Object.entries(condition).every(([field, expected]) => matchValue(expected, actual[field]));
}

/** Does `event` satisfy `condition`? */
export function matches(condition: Condition, event: OciEventEnvelope): boolean {
  return matchCondition(condition, event as unknown as Record<string, unknown>);
}

/** Check rules up front so a typo fails at start, not silently at delivery. */
export function validateRules(rules: EventRule[]): void {
  const names = new Set<string>();
  for (const r of rules) {
    if (!r.name || names.has(r.name))
      throw new Error(`event rule names must be unique and non-empty (got "${r.name}")`);
    names.add(r.name);
    if (!r.condition || typeof r.condition !== 'object' || Array.isArray(r.condition))
      throw new Error(`rule ${r.name}: condition must be an object`);
    if (!Array.isArray(r.actions) || r.actions.length === 0)
      throw new Error(`rule ${r.name}: needs at least one action`);
    for (const a of r.actions) if (!a.functionId) throw new Error(`rule ${r.name}: every action needs a functionId`);
  }
}
