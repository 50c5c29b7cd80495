/**
 * The subset of the Monitoring Query Language the emulator answers:
 *
 *   Metric[interval]{dim = "v", dim =~ "a|b*"}.groupBy(dim, ...)|.grouping().statistic()
 *
 * - interval: 1m..60m, 1h..24h, 1d; the dimension block is optional; `=` matches exactly, `=~`
 *   matches any of its `|` alternatives where `*` is a wildcard.
 * - grouping: none (one series per resource), `grouping()` (one series for all), or
 *   `groupBy(d1, d2)` (one series per distinct value set); it may come before or after the statistic.
 * - statistic (exactly one): mean avg max min sum count rate percentile(p) with 0 < p < 1.
 * Anything else (absent(), arithmetic, alarms' conditions, `&&`/`||` joins) is a 400 naming it.
 */
import { OciErrors } from '../../core/errors.ts';

export type Statistic = 'mean' | 'max' | 'min' | 'sum' | 'count' | 'rate' | 'percentile';

export interface DimensionFilter {
  name: string;
  op: '=' | '=~';
  value: string;
  test(v: string | undefined): boolean;
}

export interface MetricQuery {
  metric: string;
  intervalMs: number;
  filters: DimensionFilter[];
  grouping: { kind: 'none' } | { kind: 'all' } | { kind: 'by'; dims: string[] };
  statistic: Statistic;
  percentile?: number;
}

const bad = (msg: string) => OciErrors.invalidParameter(`Unsupported or invalid MQL query: ${msg}`);

/** `5m` → 300000; OCI allows 1m-60m, 1h-24h, 1d. */
export function parseDuration(text: string, what: string): number {
  const m = /^(\d+)([mhd])$/.exec(text.trim());
  const n = m ? Number(m[1]) : NaN;
  const ok =
    m && ((m[2] === 'm' && n >= 1 && n <= 60) || (m[2] === 'h' && n >= 1 && n <= 24) || (m[2] === 'd' && n === 1));
  if (!ok) throw OciErrors.invalidParameter(`${what} '${text}' must be 1m-60m, 1h-24h or 1d`);
  return n * { m: 60_000, h: 3_600_000, d: 86_400_000 }[m![2] as 'm' | 'h' | 'd'];
}

function matcher(op: '=' | '=~', value: string): (v: string | undefined) => boolean {
  if (op === '=') return (v) => v === value;
  const res = value.split('|').map(
    (alt) =>
      new RegExp(
        '^' +
          alt
            .split('*')
            .map((p) => p.replace(/[.+?^${}()[\]\\]/g, '\\$&'))
            .join('.*') +
          '$',
      ),
  );
  return (v) => v !== undefined && res.some((r) => r.test(v));
}

export function parseQuery(text: string): MetricQuery {
  let s = text.trim();
  const head = /^([A-Za-z][A-Za-z0-9_]*)\s*\[\s*([^\]]+)\]\s*/.exec(s);
  if (!head) throw bad(`expected Metric[interval] at the start of '${text}'`);
  const metric = head[1]!;
  const intervalMs = parseDuration(head[2]!, 'The query interval');
  s = s.slice(head[0].length);
  const filters: DimensionFilter[] = [];
  if (s.startsWith('{')) {
    const end = s.indexOf('}');
    if (end < 0) throw bad('unclosed dimension block');
    const body = s.slice(1, end).trim();
    s = s.slice(end + 1).trim();
    if (body) {
      const re = /\s*([A-Za-z][A-Za-z0-9_.-]*)\s*(=~|=)\s*"([^"]*)"\s*(,|$)/y;
      let pos = 0;
      while (pos < body.length) {
        re.lastIndex = pos;
        const m = re.exec(body);
        if (!m)
          throw bad(
            `cannot read the dimension filter at '${body.slice(pos)}' (use name = "value" or name =~ "a|b*", ` +
              `separated by commas)`,
          );
        filters.push({ name: m[1]!, op: m[2] as '=' | '=~', value: m[3]!, test: matcher(m[2] as '=' | '=~', m[3]!) });
        pos = re.lastIndex;
      }
    }
  }
  let grouping: MetricQuery['grouping'] = { kind: 'none' };
  let statistic: Statistic | undefined;
  let percentile: number | undefined;
  const call = /^\.\s*([A-Za-z]+)\s*\(([^)]*)\)\s*/;
  while (s.length) {
    const m = call.exec(s);
    if (!m) throw bad(`cannot read '${s}'`);
    s = s.slice(m[0].length);
    const fn = m[1]!,
      args = m[2]!.trim();
    if (fn === 'grouping' || fn === 'groupBy') {
      if (grouping.kind !== 'none') throw bad('more than one grouping function');
      if (fn === 'grouping') {
        if (args) throw bad('grouping() takes no arguments');
        grouping = { kind: 'all' };
      } else {
        const dims = args
          .split(',')
          .map((d) => d.trim())
          .filter(Boolean);
        if (!dims.length || dims.some((d) => !/^[A-Za-z][A-Za-z0-9_.-]*$/.test(d)))
          throw bad('groupBy() needs dimension names');
        grouping = { kind: 'by', dims };
      }
    } else if (['mean', 'avg', 'max', 'min', 'sum', 'count', 'rate', 'percentile'].includes(fn)) {
      if (statistic) throw bad('more than one statistic');
      if (fn === 'percentile') {
        const p = Number(args);
        if (!(p > 0 && p < 1)) throw bad('percentile(p) needs 0 < p < 1');
        percentile = p;
      } else if (args) throw bad(`${fn}() takes no arguments`);
      statistic = fn === 'avg' ? 'mean' : (fn as Statistic);
    } else {
      throw bad(`the function ${fn}() is not supported by the local emulator`);
    }
  }
  if (!statistic) throw bad('a statistic such as .mean() or .max() is required');
  return { metric, intervalMs, filters, grouping, statistic, ...(percentile !== undefined ? { percentile } : {}) };
}

/** The statistic over one window's samples (`windowMs` for rate: per-second). */
export function aggregate(
  q: Pick<MetricQuery, 'statistic' | 'percentile'>,
  samples: number[],
  windowMs: number,
): number {
  switch (q.statistic) {
    case 'mean':
      return samples.reduce((a, b) => a + b, 0) / samples.length;
    case 'max':
      return Math.max(...samples);
    case 'min':
      return Math.min(...samples);
    case 'sum':
      return samples.reduce((a, b) => a + b, 0);
    case 'count':
      return samples.length;
    case 'rate':
      return samples.reduce((a, b) => a + b, 0) / (windowMs / 1000);
    case 'percentile': {
      const sorted = [...samples].sort((a, b) => a - b);
      return sorted[Math.min(sorted.length - 1, Math.floor(q.percentile! * sorted.length))]!;
    }
  }
}
