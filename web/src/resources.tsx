/** The compartment tree, the resources of a compartment or subtree with health, instance actions, metrics. */
import { useState } from 'preact/hooks';
import { mutate, query } from './api.ts';
import { Metrics } from './charts.tsx';
import { CompartmentsQuery, InstanceActionMutation, InstanceQuery, ResourcesQuery } from './documents.ts';
import type {
  CompartmentsQuery as CompartmentsData,
  InstanceActionKind,
  ResourcesQuery as ResourcesData,
} from './gql/graphql.ts';
import { Empty, ErrorBox, HealthBadge, Loading, useLoad, usePoll } from './ui.tsx';

type Compartment = CompartmentsData['compartments']['nodes'][number];
export type Resource = ResourcesData['resources']['nodes'][number];

/** Every page of a connection, following endCursor. */
async function allPages<N>(
  page: (
    after: string | null,
  ) => Promise<{ nodes: N[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } }>,
): Promise<N[]> {
  const out: N[] = [];
  let after: string | null = null;
  for (;;) {
    const p = await page(after);
    out.push(...p.nodes);
    if (!p.pageInfo.hasNextPage || !p.pageInfo.endCursor) return out;
    after = p.pageInfo.endCursor;
  }
}

export const loadCompartments = () =>
  allPages(async (after) => (await query(CompartmentsQuery, { after })).compartments);

const STEADY = new Set([
  'RUNNING',
  'STOPPED',
  'TERMINATED',
  'ACTIVE',
  'AVAILABLE',
  'FAILED',
  'DELETED',
  'INACTIVE',
  'UNKNOWN',
]);

export function CompartmentTree({
  compartments,
  selected,
  onSelect,
}: {
  compartments: Compartment[];
  selected?: string;
  onSelect: (c: Compartment) => void;
}) {
  const children = (id: string | null | undefined) => compartments.filter((c) => (c.parentId ?? null) === (id ?? null));
  const roots = compartments.filter((c) => !compartments.some((p) => p.id === c.parentId));
  const render = (c: Compartment) => {
    const kids = children(c.id);
    return (
      <li key={c.id} role="treeitem" aria-selected={c.id === selected} aria-expanded={kids.length ? true : undefined}>
        <button type="button" class={c.id === selected ? 'current' : ''} onClick={() => onSelect(c)} title={c.path}>
          {c.name}
        </button>
        {kids.length ? <ul role="group">{kids.map(render)}</ul> : null}
      </li>
    );
  };
  return (
    <nav aria-label="Compartments">
      <ul role="tree" class="tree">
        {roots.map(render)}
      </ul>
    </nav>
  );
}

function InstanceActions({ r, onState }: { r: Resource; onState: (state: Resource['lifecycleState']) => void }) {
  const [pending, setPending] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  usePoll(pending !== undefined, async () => {
    const { instance } = await query(InstanceQuery, { id: r.id });
    onState(instance.lifecycleState);
    if (STEADY.has(instance.lifecycleState)) {
      setPending(undefined);
      return true;
    }
    return false;
  });
  const act = async (action: InstanceActionKind) => {
    setError(undefined);
    try {
      const { instanceAction } = await mutate(InstanceActionMutation, { id: r.id, action });
      onState(instanceAction.instance.lifecycleState);
      setPending(instanceAction.targetState);
    } catch (e: unknown) {
      setError(e);
    }
  };
  const busy = pending !== undefined;
  return (
    <div class="actions">
      <button
        type="button"
        disabled={busy || r.lifecycleState === 'RUNNING'}
        onClick={() => void act('START')}
        aria-label={`Start ${r.displayName}`}
      >
        Start
      </button>
      <button
        type="button"
        disabled={busy || r.lifecycleState === 'STOPPED'}
        onClick={() => void act('STOP')}
        aria-label={`Stop ${r.displayName}`}
      >
        Stop
      </button>
      <button
        type="button"
        disabled={busy || r.lifecycleState !== 'RUNNING'}
        onClick={() => void act('RESET')}
        aria-label={`Reset ${r.displayName}`}
      >
        Reset
      </button>
      {busy ? (
        <span class="pending" role="status">
          {r.lifecycleState.toLowerCase()}… until {pending}
        </span>
      ) : null}
      <ErrorBox error={error} />
    </div>
  );
}

export function ResourcesView({ compartment }: { compartment: Compartment }) {
  const [subtree, setSubtree] = useState(true);
  const [states, setStates] = useState<Record<string, Resource['lifecycleState']>>({});
  const [chart, setChart] = useState<Resource | undefined>();
  const r = useLoad(async () => {
    let summary: ResourcesData['resources']['healthSummary'] = [];
    const nodes = await allPages(async (after) => {
      const page = (await query(ResourcesQuery, { compartmentId: compartment.id, includeSubtree: subtree, after }))
        .resources;
      summary = page.healthSummary;
      return page;
    });
    setStates({});
    return { nodes, summary };
  }, [compartment.id, subtree]);
  const stateOf = (x: Resource) => states[x.id] ?? x.lifecycleState;
  return (
    <section aria-label="Resources">
      <header class="row">
        <h2>{compartment.path}</h2>
        <label>
          <input
            type="checkbox"
            checked={subtree}
            onChange={(e) => setSubtree((e.target as HTMLInputElement).checked)}
          />{' '}
          Include sub-compartments
        </label>
        <button type="button" onClick={r.reload}>
          Refresh
        </button>
      </header>
      {r.loading && !r.data ? <Loading what="resources" /> : null}
      <ErrorBox error={r.error} />
      {r.data ? (
        <>
          <ul class="summary" aria-label="Health summary">
            {r.data.summary.map((h) => (
              <li key={h.status}>
                <HealthBadge status={h.status} /> <span data-summary={h.status}>{h.count}</span>
              </li>
            ))}
          </ul>
          {r.data.nodes.length === 0 ? (
            <Empty>No resources in this compartment{subtree ? ' or below' : ''}.</Empty>
          ) : (
            <table class="resources">
              <caption class="sr-only">Resources with health</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Kind</th>
                  <th scope="col">State</th>
                  <th scope="col">Health</th>
                  <th scope="col">Details</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {r.data.nodes.map((x) => {
                  const row = { ...x, lifecycleState: stateOf(x) };
                  return (
                    <tr key={x.id} data-resource={x.displayName}>
                      <th scope="row">{x.displayName}</th>
                      <td>{x.kind}</td>
                      <td data-state>{row.lifecycleState}</td>
                      <td>
                        <HealthBadge status={x.health.status} reason={x.health.reason} />{' '}
                        <span class="muted">{x.health.reason}</span>
                      </td>
                      <td class="muted">
                        {'shape' in x && x.shape
                          ? x.shape
                          : 'engine' in x
                            ? x.engine
                            : 'kubernetesVersion' in x
                              ? x.kubernetesVersion
                              : ''}
                      </td>
                      <td>
                        {x.kind === 'INSTANCE' ? (
                          <>
                            <InstanceActions r={row} onState={(s) => setStates((m) => ({ ...m, [x.id]: s }))} />
                            <button type="button" onClick={() => setChart(x)} aria-label={`Charts of ${x.displayName}`}>
                              Charts
                            </button>
                          </>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </>
      ) : null}
      {chart ? <Metrics instanceId={chart.id} name={chart.displayName} /> : null}
    </section>
  );
}
