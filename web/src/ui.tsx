/** Small shared pieces: error, loading and empty states, health badges, gauges, polling. */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText } from './api.ts';

export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  const { text, code } = errorText(error);
  return (
    <p class="error" role="alert">
      {text}
      {code ? <code class="code">{code}</code> : null}
    </p>
  );
}

export const Loading = ({ what }: { what: string }) => (
  <p class="muted" role="status" aria-live="polite">
    Loading {what}…
  </p>
);
export const Empty = ({ children }: { children: ComponentChildren }) => <p class="muted empty">{children}</p>;

const HEALTH_CLASS: Record<string, string> = { HEALTHY: 'ok', DEGRADED: 'warn', DOWN: 'bad', UNKNOWN: 'unknown' };
export const HealthBadge = ({ status, reason }: { status: string; reason?: string }) => (
  <span class={`badge ${HEALTH_CLASS[status] ?? 'unknown'}`} title={reason} data-health={status}>
    {status}
  </span>
);

/** A labelled gauge: a <meter> with the figures in words. */
export function Gauge({
  id,
  label,
  value,
  max,
  text,
}: {
  id: string;
  label: string;
  value: number;
  max: number;
  text: string;
}) {
  const pct = max > 0 ? Math.min(100, (value / max) * 100) : 0;
  return (
    <div class="gauge" data-gauge={id}>
      <label for={`gauge-${id}`}>{label}</label>
      <meter id={`gauge-${id}`} min={0} max={max} value={value} low={max * 0.7} high={max * 0.9} optimum={0} />
      <span class="figures">
        {text} ({pct.toFixed(pct < 10 ? 1 : 0)} %)
      </span>
    </div>
  );
}

/**
 * Calls `tick` until it returns true, waiting `startMs` then ×1.5 each time up to `maxMs`
 * (backoff: a long job is asked less often). Stops when the component goes away.
 */
export function usePoll(active: boolean, tick: () => Promise<boolean>, startMs = 1000, maxMs = 10_000): void {
  const ref = useRef(tick);
  ref.current = tick;
  useEffect(() => {
    if (!active) return undefined;
    let stopped = false;
    let delay = startMs;
    let timer: ReturnType<typeof setTimeout>;
    const loop = async () => {
      if (stopped) return;
      let done = false;
      try {
        done = await ref.current();
      } catch {
        // the tick shows its own error; keep polling
      }
      if (done || stopped) return;
      delay = Math.min(maxMs, delay * 1.5);
      timer = setTimeout(() => void loop(), delay);
    };
    timer = setTimeout(() => void loop(), startMs);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [active, startMs, maxMs]);
}

/** Loads data once per key; `reload()` loads again. */
export function useLoad<T>(
  load: () => Promise<T>,
  key: unknown[],
): { data: T | undefined; error: unknown; loading: boolean; reload: () => void; set: (t: T) => void } {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    load().then(
      (data) => {
        if (live) setState({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (live) setState((s) => ({ data: s.data, error, loading: false }));
      },
    );
    return () => {
      live = false;
    };
  }, [...key, n]);
  return {
    ...state,
    reload: () => setN((x) => x + 1),
    set: (data: T) => setState({ data, error: undefined, loading: false }),
  };
}

/** Saves text as a file (the generated private key, ...). */
export function download(filename: string, text: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Opens a URL (a PAR download) the way a link would. */
export function openUrl(url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.rel = 'noopener';
  a.target = '_blank';
  document.body.append(a);
  a.click();
  a.remove();
}
