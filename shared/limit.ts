/**
 * Bounded concurrency: `Limiter` (a FIFO semaphore), `ServiceLimiters` (one per OCI service, so a
 * fan-out over many compartments never has more than `cap` calls in flight against one service) and
 * `mapLimit`. Used by the resources function and by the exports job list.
 */

/** Runs tasks with at most `cap` in flight, first come first served. */
export class Limiter {
  private active = 0;
  private readonly queue: (() => void)[] = [];
  constructor(readonly cap: number) {
    if (!Number.isInteger(cap) || cap < 1)
      throw new RangeError(`concurrency cap must be a positive integer, got ${cap}`);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.cap) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }
}

/** One {@link Limiter} per service name, with an optional per-service cap. */
export class ServiceLimiters {
  private readonly limiters = new Map<string, Limiter>();
  constructor(
    private readonly defaultCap: number,
    private readonly caps: Readonly<Record<string, number>> = {},
  ) {}
  for(service: string): Limiter {
    let l = this.limiters.get(service);
    if (!l) this.limiters.set(service, (l = new Limiter(this.caps[service] ?? this.defaultCap)));
    return l;
  }
  capOf(service: string): number {
    return this.caps[service] ?? this.defaultCap;
  }
}

/** `fn` over `items` with at most `cap` running at once (results in input order). */
export async function mapLimit<T, R>(items: readonly T[], cap: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(cap, items.length) }, worker));
  return out;
}
