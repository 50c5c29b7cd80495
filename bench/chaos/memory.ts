/**
 * Memory of the function containers during a soak: `memory-probe.cjs` is preloaded into every
 * container (NODE_OPTIONS=--require) and prints a JSON line every 10 s; the runner's log lines come
 * here. Per function the soak looks at its largest container (by RSS) heard from recently.
 */
import { fileURLToPath } from 'node:url';

/** The probe to preload (`--require <file>`). */
export const MEMORY_PROBE = fileURLToPath(new URL('./memory-probe.cjs', import.meta.url));

/** One probe line, in MB. `spaces`: resident size of V8's spaces (new, old, code, trusted, large). */
export interface MemoryReading {
  rssMb: number;
  /** anonymous resident memory (V8's heap, malloc, stacks); null without procfs */
  anonMb: number | null;
  /** file-backed resident pages (mostly the node binary's code: shared, reclaimable) */
  fileMb: number | null;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  heapLimitMb: number;
  spaces: Record<'new' | 'old' | 'code' | 'trusted' | 'large', number>;
}

interface Probe {
  fn: string;
  label: string;
  at: number;
  reading: MemoryReading;
}

const LINE = /^\[([a-z]+)#(\d+)\] (\{"msg":"memory probe".*)$/;

/** The latest probe line of every container. */
export class MemoryProbes {
  private readonly latest = new Map<string, Probe>();
  private readonly labels = new Map<string, Set<string>>();

  /** Takes one line of the runner's log; other lines are ignored. */
  onLine(line: string, now = Date.now()): void {
    const m = LINE.exec(line);
    if (!m) return;
    let reading: MemoryReading;
    try {
      reading = JSON.parse(m[3]!) as MemoryReading;
    } catch {
      return;
    }
    const fn = m[1]!;
    const label = `${fn}#${m[2]}`;
    this.latest.set(label, { fn, label, at: now, reading });
    let set = this.labels.get(fn);
    if (!set) this.labels.set(fn, (set = new Set()));
    set.add(label);
  }

  /** Containers of `fn` that ever reported. */
  containers(fn: string): number {
    return this.labels.get(fn)?.size ?? 0;
  }

  /** The latest reading of every container heard from in the last `maxAgeMs`, by label (`<fn>#<n>`). */
  current(now = Date.now(), maxAgeMs = 25_000): Map<string, MemoryReading> {
    const out = new Map<string, MemoryReading>();
    for (const p of this.latest.values()) if (p.at >= now - maxAgeMs) out.set(p.label, p.reading);
    return out;
  }

  /** Per function, the reading of its largest container (by RSS) among those heard from in the last `maxAgeMs`. */
  byFunction(now = Date.now(), maxAgeMs = 25_000): Map<string, MemoryReading & { label: string }> {
    const out = new Map<string, MemoryReading & { label: string }>();
    for (const p of this.latest.values()) {
      if (p.at < now - maxAgeMs) continue;
      const best = out.get(p.fn);
      if (!best || p.reading.rssMb > best.rssMb) out.set(p.fn, { ...p.reading, label: p.label });
    }
    return out;
  }
}

/** What a container's resident memory is made of (MB): the soak's "where the RSS is" table. */
export function breakdown(r: MemoryReading): {
  file: number | null;
  v8: number;
  rest: number | null;
} {
  const v8 = Object.values(r.spaces).reduce((s, x) => s + x, 0);
  return { file: r.fileMb, v8, rest: r.anonMb === null ? null : r.anonMb - v8 };
}
