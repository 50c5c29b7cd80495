/**
 * The chaos bench's client side: the GraphQL operations it sends, a tally of answers, the fault
 * mix it puts on the emulator and the emulator's request log read back (bench/chaos.ts).
 */
import type { startStack } from '#local/stack/stack.ts';

export type Stack = Awaited<ReturnType<typeof startStack>>;

/**
 * The fault mix: ~30 % of Object Storage and NoSQL requests
 * (1 - .9 * .9 * .95 * .95 ≈ 27 % fire at least one rule).
 */
export const FAULTS = ['objectstorage', 'nosql'].flatMap((service) => [
  { service, probability: 0.1, status: 429 },
  { service, probability: 0.1, status: 503 },
  { service, probability: 0.05, drop: true },
  { service, probability: 0.05, drop: true, after: true },
]);

export const UPLOAD = 'mutation($i: CreateUploadUrlInput!) { createUploadUrl(input: $i) { uri url } }';
export const QUOTA =
  'query($u: ID) { quota(userId: $u) { storage { usedBytes reservedBytes } ' +
  'rateLimits { uploadsLastHour uploadsLastDay } } }';
export const SET = 'mutation($u: ID!, $l: QuotaLimitsInput) { setQuotaLimits(userId: $u, limits: $l) { tier } }';
export const DASHBOARD =
  'query($c: ID!) { resources(compartmentId: $c, includeSubtree: true) { healthSummary { status count } } }';
export const INSTANCES =
  'query($c: ID!) { resources(compartmentId: $c, kinds: [INSTANCE], includeSubtree: true) ' +
  '{ nodes { id displayName lifecycleState } } }';
export const ACTION =
  'mutation($id: ID!, $a: InstanceActionKind!) { instanceAction(id: $id, action: $a) { targetState } }';
export const EXPORT = 'mutation($i: ExportInstanceInput!) { exportInstance(input: $i) { id state } }';
export const JOB = 'query($id: ID!) { exportJob(id: $id) { id state error } }';

export interface Answer {
  status: number;
  data?: Record<string, any>;
  code?: string;
  ms: number;
}

/** Answers of one kind: successes, failures by code, latencies. */
export class Tally {
  ok = 0;
  failed = 0;
  readonly codes = new Map<string, number>();
  readonly latencies: number[] = [];
  add(a: Answer): void {
    this.latencies.push(a.ms);
    if (a.code === undefined) this.ok++;
    else {
      this.failed++;
      this.codes.set(a.code, (this.codes.get(a.code) ?? 0) + 1);
    }
  }
  /** Adds another tally's answers to this one. */
  merge(x: Tally): void {
    this.ok += x.ok;
    this.failed += x.failed;
    this.latencies.push(...x.latencies);
    for (const [c, n] of x.codes) this.codes.set(c, (this.codes.get(c) ?? 0) + n);
  }
  get total(): number {
    return this.ok + this.failed;
  }
  rate(): string {
    return this.total ? `${((100 * this.ok) / this.total).toFixed(1)} %` : 'n/a';
  }
  errors(): string {
    return [...this.codes].map(([c, n]) => `${c} ×${n}`).join(', ') || '–';
  }
}

/** The 99th percentile of `latencies` (NaN when empty). */
export function p99(latencies: readonly number[]): number {
  const s = [...latencies].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(0.99 * s.length))]! : Number.NaN;
}

/** One GraphQL request through the API Gateway front; never throws (a network failure is code NETWORK). */
export async function gql(
  stack: Stack,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Answer> {
  const t = performance.now();
  try {
    const r = await fetch(stack.urls.graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const text = await r.text();
    const ms = performance.now() - t;
    let body: { data?: Record<string, any>; errors?: { extensions?: { code?: string } }[] } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      return { status: r.status, code: `HTTP_${r.status}`, ms };
    }
    const code = body.errors?.length
      ? (body.errors[0]!.extensions?.code ?? 'NO_CODE')
      : r.status >= 400
        ? `HTTP_${r.status}`
        : undefined;
    return { status: r.status, ...(body.data ? { data: body.data } : {}), ...(code ? { code } : {}), ms };
  } catch {
    return { status: 0, code: 'NETWORK', ms: performance.now() - t };
  }
}

/**
 * A client PUT through the PAR, retried like any HTTP client would (PUT is idempotent). Returns
 * undefined when it landed, else why not: `PUT_FAILED_<status>` (the last answer; `NETWORK` when dropped).
 */
export async function putObject(url: string, bytes: number): Promise<string | undefined> {
  let last = 'NETWORK';
  for (let attempt = 1; attempt <= 8; attempt++) {
    try {
      const r = await fetch(url, {
        method: 'PUT',
        body: Buffer.alloc(bytes, 7),
        headers: { 'content-type': 'application/octet-stream' },
      });
      await r.arrayBuffer();
      if (r.ok) return undefined;
      last = String(r.status);
      if (r.status !== 429 && r.status < 500) break;
    } catch {
      last = 'NETWORK'; // dropped: try again
    }
    await new Promise((res) => setTimeout(res, Math.random() * 100 * 2 ** attempt));
  }
  return `PUT_FAILED_${last}`;
}

/** Runs `fn` over `items`, at most `concurrency` at a time. */
export async function pool<T>(
  items: T[],
  concurrency: number,
  fn: (item: T, i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}

export interface OciCalls {
  calls: number;
  byService: string;
  services: Map<string, number>;
  faults: number;
  /** false when the emulator's request log no longer holds every request since `sinceSeq` */
  retained: boolean;
}

/** OCI requests the emulator answered since `seq`, and how many were injected faults, by service. */
export function ociCalls(stack: Stack, sinceSeq: number): OciCalls {
  const calls = stack.emulator.requests.lastSeq - sinceSeq;
  const entries = stack.emulator.requests.query({ sinceSeq });
  const by = new Map<string, number>();
  let faults = 0;
  for (const e of entries) {
    by.set(e.service, (by.get(e.service) ?? 0) + 1);
    if (
      e.code === 'ConnectionDropped' ||
      e.code === 'ConnectionDroppedAfterApply' ||
      (e.status === 429 && e.code === 'TooManyRequests') ||
      (e.status === 503 && e.code === 'ServiceUnavailable')
    )
      faults++;
  }
  const byService = [...by]
    .sort((a, b) => b[1] - a[1])
    .map(([s, n]) => `${s} ${n}`)
    .join(', ');
  return { calls, byService, services: by, faults, retained: entries.length === calls };
}

export function setFaults(stack: Stack, on: boolean): void {
  stack.emulator.faults.clear();
  if (on) for (const r of FAULTS) stack.emulator.faults.add(r);
}

export interface QuotaRead {
  storage: { usedBytes: number; reservedBytes: number };
  rateLimits: { uploadsLastHour: number };
}

/** A user's quota as an admin reads it (5 tries: it may run while faults are on). */
export async function quotaOf(stack: Stack, admin: string, user: string): Promise<QuotaRead> {
  for (let i = 0; i < 5; i++) {
    const a = await gql(stack, admin, QUOTA, { u: user });
    if (!a.code) return a.data!.quota as QuotaRead;
  }
  throw new Error(`could not read the quota of ${user}`);
}
