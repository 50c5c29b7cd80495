/** Metrics as charts (uPlot): one chart per metric for the selected instance over a chosen window. */
import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatBytes, query } from './api.ts';
import { MetricsQuery } from './documents.ts';
import type { MetricName } from './gql/graphql.ts';
import { Empty, ErrorBox, Loading, useLoad } from './ui.tsx';

const WINDOWS: { window: string; resolution: string; label: string }[] = [
  { window: '1h', resolution: '1m', label: 'last hour' },
  { window: '6h', resolution: '5m', label: 'last 6 hours' },
  { window: '24h', resolution: '15m', label: 'last 24 hours' },
  { window: '7d', resolution: '1h', label: 'last 7 days' },
];
const NAMES: { name: MetricName; label: string; unit: 'pct' | 'bytes' }[] = [
  { name: 'CPU', label: 'CPU %', unit: 'pct' },
  { name: 'MEMORY', label: 'Memory %', unit: 'pct' },
  { name: 'NETWORK_IN', label: 'Network in', unit: 'bytes' },
  { name: 'NETWORK_OUT', label: 'Network out', unit: 'bytes' },
];

function Chart({ title, unit, xs, ys }: { title: string; unit: 'pct' | 'bytes'; xs: number[]; ys: number[] }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return undefined;
    const plot = new uPlot(
      {
        title,
        width: 340,
        height: 160,
        scales: unit === 'pct' ? { y: { range: [0, 100] } } : {},
        axes: [{}, { size: 80, values: (_u, vals) => vals.map((v) => (unit === 'pct' ? `${v}` : formatBytes(v))) }],
        series: [{}, { label: title, stroke: '#2563eb', fill: 'rgba(37,99,235,0.1)', width: 1.5 }],
        legend: { show: false },
      },
      [xs, ys],
      el.current,
    );
    return () => plot.destroy();
  }, [title, unit, xs, ys]);
  return <figure class="chart" aria-label={`${title} chart`} ref={el} />;
}

export function Metrics({ instanceId, name }: { instanceId: string; name: string }) {
  const [w, setW] = useState(0);
  const sel = WINDOWS[w]!;
  const r = useLoad(
    () =>
      query(MetricsQuery, {
        ids: [instanceId],
        names: NAMES.map((n) => n.name),
        window: sel.window,
        resolution: sel.resolution,
      }),
    [instanceId, w],
  );
  return (
    <section class="metrics" aria-label={`Metrics of ${name}`}>
      <h3>Metrics of {name}</h3>
      <label>
        Window{' '}
        <select value={String(w)} onChange={(e) => setW(Number((e.target as HTMLSelectElement).value))}>
          {WINDOWS.map((x, i) => (
            <option value={String(i)}>{x.label}</option>
          ))}
        </select>
      </label>
      {r.loading && !r.data ? <Loading what="metrics" /> : null}
      <ErrorBox error={r.error} />
      {r.data?.metrics.every((s) => s.points.length === 0) ? <Empty>No data points in this window.</Empty> : null}
      <div class="charts">
        {r.data?.metrics.map((s) => {
          const meta = NAMES.find((n) => n.name === s.name)!;
          return (
            <Chart
              key={s.name}
              title={meta.label}
              unit={meta.unit}
              xs={s.points.map((p) => Date.parse(p.timestamp) / 1000)}
              ys={s.points.map((p) => p.value)}
            />
          );
        })}
      </div>
    </section>
  );
}
