/**
 * Work Requests (oci-workrequests WorkRequestClient, `/20160918/workRequests`): get, list, errors,
 * logs for the work the compute provider starts (LaunchInstance, TerminateInstance, CreateImage,
 * ExportImage, InstanceAction).
 *
 * Limitations against OCI: `percentComplete` is linear in time; no CANCELING/cancel API; work
 * requests are kept until a reset (OCI keeps them 30 days).
 */
import type { EmulatorRequest, Provider, ProviderContext, Route } from '../../core/types.ts';
import { surfaceOf } from '../resource-kit/catalog.ts';
import { runAllDueJobs } from '../resource-kit/jobs.ts';
import { paginate } from '../resource-kit/paging.ts';
import { notFound, ocid } from '../resource-kit/validate.ts';
import { requireCompartment } from '../identity-compartments/store.ts';
import { logsOf, viewOf, workRequests, type WorkRequestRecord } from './store.ts';

export function workRequestsProvider(ctx: ProviderContext): Provider {
  async function requireWr(req: EmulatorRequest): Promise<WorkRequestRecord> {
    const id = ocid(req.params.workRequestId, 'workRequestId');
    await runAllDueJobs(ctx);
    const rec = workRequests(ctx).get(id);
    if (!rec) throw notFound('workRequest', id);
    return rec;
  }
  const ordered = <T extends { timestamp: string }>(req: EmulatorRequest, rows: T[]) =>
    (req.query('sortOrder') ?? 'ASC').toUpperCase() === 'DESC' ? [...rows].reverse() : rows;

  const routes: Route[] = [
    {
      method: 'GET',
      path: '/20160918/workRequests/{workRequestId}',
      operation: 'GetWorkRequest',
      handler: async (req) => ({ body: viewOf(await requireWr(req), ctx.now()) }),
    },
    {
      method: 'GET',
      path: '/20160918/workRequests/{workRequestId}/errors',
      operation: 'ListWorkRequestErrors',
      handler: async (req) => {
        const page = paginate(req, ordered(req, (await requireWr(req)).errors));
        return { headers: page.headers, body: page.items };
      },
    },
    {
      method: 'GET',
      path: '/20160918/workRequests/{workRequestId}/logs',
      operation: 'ListWorkRequestLogs',
      handler: async (req) => {
        const page = paginate(req, ordered(req, logsOf(await requireWr(req), ctx.now())));
        return { headers: page.headers, body: page.items };
      },
    },
    {
      method: 'GET',
      path: '/20160918/workRequests',
      operation: 'ListWorkRequests',
      handler: async (req) => {
        const compartmentId = requireCompartment(ctx, req.query('compartmentId'));
        const resourceId = req.query('resourceId');
        await runAllDueJobs(ctx);
        const now = ctx.now();
        const rows = workRequests(ctx)
          .values()
          .filter(
            (w) =>
              w.compartmentId === compartmentId &&
              (!resourceId || w.resources.some((r) => r.identifier === resourceId)),
          )
          .sort((a, b) => b.startMs - a.startMs || (a.id < b.id ? -1 : 1));
        const page = paginate(req, rows);
        return { headers: page.headers, body: page.items.map((w) => viewOf(w, now)) };
      },
    },
  ];
  return { name: 'workrequests', routes, ...surfaceOf(['WorkRequestClient'], routes) };
}
