/**
 * Health of a resource from what we already know about it: lifecycle state, load balancer
 * backend-set health, and (for running instances) recent CPU/memory utilisation.
 */
import type { Health, ResourceView } from './ports.ts';

/** Utilisation (percent, recent mean) that makes a running resource DEGRADED. */
export const HOT_PERCENT = 90;

const UP = new Set(['RUNNING', 'ACTIVE', 'AVAILABLE']);
const DOWN = new Set([
  'STOPPED',
  'TERMINATED',
  'DELETED',
  'FAILED',
  'INACTIVE',
  'UNAVAILABLE',
  'TERMINATING',
  'DELETING',
]);
const DEGRADED_STATES = new Set(['AVAILABLE_NEEDS_ATTENTION', 'NEEDS_ATTENTION', 'MAINTENANCE_IN_PROGRESS']);

/** Recent utilisation of a resource, percent. */
export interface RecentLoad {
  cpu?: number;
  memory?: number;
}

function fromLifecycle(state: string): Health | undefined {
  if (DOWN.has(state)) return { status: 'DOWN', reason: `lifecycle state is ${state}` };
  if (DEGRADED_STATES.has(state)) return { status: 'DEGRADED', reason: `lifecycle state is ${state}` };
  if (!UP.has(state)) return { status: 'DEGRADED', reason: `lifecycle state is ${state} (in transition)` };
  return undefined;
}

/** Health from lifecycle and the kind's own signals; `load` is consulted for running instances/databases. */
export function healthOf(r: ResourceView, load?: RecentLoad): Health {
  const lc = fromLifecycle(r.lifecycleState);
  if (lc) return lc;
  switch (r.kind) {
    case 'LOAD_BALANCER': {
      if (r.backendSets.length === 0) return { status: 'HEALTHY', reason: 'active; no backend sets' };
      const unknown = r.backendSets.filter((b) => !b.health || b.health.status === 'UNKNOWN');
      const critical = r.backendSets.filter((b) => b.health?.status === 'CRITICAL');
      const warning = r.backendSets.filter((b) => b.health?.status === 'WARNING');
      if (critical.length === r.backendSets.length)
        return { status: 'DOWN', reason: `every backend set is CRITICAL (${critical.map((b) => b.name).join(', ')})` };
      if (critical.length)
        return {
          status: 'DEGRADED',
          reason: `backend set${critical.length > 1 ? 's' : ''} ${critical.map((b) => b.name).join(', ')} CRITICAL`,
        };
      if (warning.length)
        return {
          status: 'DEGRADED',
          reason: `backend set${warning.length > 1 ? 's' : ''} ${warning.map((b) => b.name).join(', ')} WARNING`,
        };
      if (unknown.length)
        return {
          status: 'UNKNOWN',
          reason:
            `health of backend set${unknown.length > 1 ? 's' : ''} ${unknown.map((b) => b.name).join(', ')}` +
            ' unknown',
        };
      return { status: 'HEALTHY', reason: `all ${r.backendSets.length} backend sets OK` };
    }
    case 'CLUSTER': {
      const bad = r.nodePools.filter((p) => p.lifecycleState !== 'ACTIVE');
      if (bad.length)
        return {
          status: 'DEGRADED',
          reason: `node pool${bad.length > 1 ? 's' : ''} ${bad.map((p) => `${p.name} ${p.lifecycleState}`).join(', ')}`,
        };
      return {
        status: 'HEALTHY',
        reason: `active; ${r.nodePools.length} node pool${r.nodePools.length === 1 ? '' : 's'} active`,
      };
    }
    case 'API_GATEWAY': {
      const bad = r.deployments.filter((d) => d.lifecycleState !== 'ACTIVE');
      if (bad.length)
        return {
          status: 'DEGRADED',
          reason:
            `deployment${bad.length > 1 ? 's' : ''} ` +
            bad.map((d) => `${d.displayName} ${d.lifecycleState}`).join(', '),
        };
      return {
        status: 'HEALTHY',
        reason: `active; ${r.deployments.length} deployment${r.deployments.length === 1 ? '' : 's'} active`,
      };
    }
    case 'INSTANCE':
    case 'DATABASE': {
      const hot: string[] = [];
      if (load?.cpu !== undefined && load.cpu >= HOT_PERCENT) hot.push(`CPU ${load.cpu.toFixed(0)}%`);
      if (load?.memory !== undefined && load.memory >= HOT_PERCENT) hot.push(`memory ${load.memory.toFixed(0)}%`);
      if (hot.length)
        return {
          status: 'DEGRADED',
          reason: `${r.lifecycleState.toLowerCase()} but ${hot.join(' and ')} (recent mean)`,
        };
      if (load?.cpu === undefined && load?.memory === undefined)
        return { status: 'HEALTHY', reason: `${r.lifecycleState.toLowerCase()}; no recent metrics` };
      return { status: 'HEALTHY', reason: `${r.lifecycleState.toLowerCase()}; CPU ${(load.cpu ?? 0).toFixed(0)}%` };
    }
  }
}

/** Whether {@link healthOf} would use metrics for this resource (running instance or database). */
export function wantsLoad(r: ResourceView): boolean {
  return (r.kind === 'INSTANCE' || r.kind === 'DATABASE') && UP.has(r.lifecycleState);
}
