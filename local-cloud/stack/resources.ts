/**
 * The deployment manifest (deployment/manifest.ts) turned into what the local cloud runs: the
 * manifest's Events rules with the functions' local OCIDs.
 */
import { EVENT_RULES, type FunctionName } from '#local/product.ts';
import type { EventRule } from '#local/events/rules.ts';

/** The manifest's Events rules for the functions that run (`ids` holds their OCIDs). */
export function eventRules(ids: Partial<Record<FunctionName, string>>): EventRule[] {
  return EVENT_RULES.filter((r) => r.functions.every((f) => ids[f])).map((r) => ({
    name: r.name,
    condition: r.condition,
    actions: r.functions.map((f) => ({ functionId: ids[f]! })),
  }));
}
