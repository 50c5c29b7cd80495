/**
 * The containers of one function and the queue in front of them. One call at a time per
 * container (Fn contract); a call takes an idle container, else starts a new one while fewer than
 * `maxContainers` live, else waits in the queue (at most `maxQueued` calls, each at most
 * `queueTimeoutMs`) and otherwise gets 503 FunctionInvokeServiceUnavailable. Containers start
 * lazily, on the first call that needs one, and stop after `idleTimeoutMs` without calls.
 * How each call outcome maps to OCI's answer follows the Fn agent (reference §1.4).
 */
import { join } from 'node:path';
import type { CallOutcome } from './call.ts';
import { callHeaders } from './call.ts';
import { Container, type ContainerDeps } from './container.ts';
import { RunnerError } from './errors.ts';
import { newCallId } from './ids.ts';
import {
  MAX_PAYLOAD_BYTES,
  type ContainerInfo,
  type RunnerRequest,
  type InvokeResult,
  type ResolvedFunction,
} from './types.ts';

export interface PoolDeps extends Omit<ContainerDeps, 'fn' | 'n' | 'socketDir' | 'homeDir' | 'onExit'> {
  socketRoot: string;
  workDir: string;
  nextN(): number;
  maxQueued: number;
  queueTimeoutMs?: number;
  idleTimeoutMs: number;
  clock(): number;
}

interface Waiter {
  resolve(c: Container): void;
  reject(e: unknown): void;
  timer: NodeJS.Timeout;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'trailer',
  'te',
  'upgrade',
  'content-length',
]);

export class FunctionPool {
  private readonly live = new Set<Container>();
  private readonly queue: Waiter[] = [];
  private closed = false;

  constructor(
    readonly fn: ResolvedFunction,
    private readonly d: PoolDeps,
  ) {}

  containers(): ContainerInfo[] {
    return [...this.live].map((c) => c.info());
  }

  async invoke(req: RunnerRequest): Promise<InvokeResult> {
    const body = req.body ?? Buffer.alloc(0);
    let callId: string | undefined;
    try {
      if (body.length > MAX_PAYLOAD_BYTES) {
        throw new RunnerError(
          'PayloadTooLarge',
          `the request body is ${body.length} bytes; OCI Functions accepts at most ${MAX_PAYLOAD_BYTES} (6 MB)`,
        );
      }
      const container = await this.acquire();
      callId = newCallId(this.d.clock());
      const timeoutMs = this.fn.timeoutSeconds * 1000;
      const headers = callHeaders(req.headers ?? {}, callId, new Date(this.d.clock() + timeoutMs), body.length);
      const outcome = await container.call({ headers, body, timeoutMs, maxResponseBytes: MAX_PAYLOAD_BYTES });
      const result = await this.settle(container, outcome, callId);
      // the agent, not the FDK, puts Fn-Call-Id on the response
      return { ...result, headers: { ...result.headers, 'fn-call-id': callId }, callId };
    } catch (e: unknown) {
      if (!(e instanceof RunnerError)) throw e;
      const result = errorResult(e);
      return callId ? { ...result, headers: { ...result.headers, 'fn-call-id': callId }, callId } : result;
    }
  }

  /** Map an outcome to the answer; release or replace the container. */
  private async settle(c: Container, o: CallOutcome, callId: string): Promise<Omit<InvokeResult, 'callId'>> {
    const where = `${this.fn.name}, call ${callId}`;
    if (o.kind === 'response' && (o.status === 200 || o.status === 502)) {
      this.release(c);
      if (o.status === 502) throw new RunnerError('ExecutionFailed', `function failed (${where})`);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(o.headers))
        if (v !== undefined && !HOP_BY_HOP.has(k)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      return { status: 200, headers, body: o.body };
    }
    // anything else: the container is not trusted with another call
    await this.retire(c, o.kind);
    switch (o.kind) {
      case 'timeout':
        throw new RunnerError(
          'Timeout',
          `function timed out after ${this.fn.timeoutSeconds} s (${where}); its container was replaced`,
        );
      case 'too-large':
        throw new RunnerError('ResponseBodyTooLarge', `function response body exceeds ${o.limit} bytes (${where})`);
      case 'socket-error':
        throw new RunnerError('ExecutionError', `error receiving function response (${where}): ${o.error.message}`);
      default:
        if (o.status === 504) throw new RunnerError('Timeout', `function reported a timeout (${where})`);
        throw new RunnerError('InvalidResponse', `invalid function response: status ${o.status} (${where})`);
    }
  }

  private async retire(c: Container, why: string): Promise<void> {
    this.d.log(`[runner] ${c.label} killed after ${why}`);
    await c.kill();
  }

  private acquire(): Promise<Container> {
    if (this.closed) return Promise.reject(new RunnerError('ServiceUnavailable', `the runner is shutting down`));
    if (this.queue.length >= this.d.maxQueued) {
      return Promise.reject(
        new RunnerError(
          'ServiceUnavailable',
          `Timed out - server too busy: ${this.queue.length} calls already wait for ${this.fn.name}`,
        ),
      );
    }
    return new Promise<Container>((resolve, reject) => {
      const waitMs = this.d.queueTimeoutMs ?? this.fn.timeoutSeconds * 1000;
      const w: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          const i = this.queue.indexOf(w);
          if (i >= 0) this.queue.splice(i, 1);
          reject(
            new RunnerError(
              'ServiceUnavailable',
              `Timed out - server too busy: no container of ${this.fn.name} became free within ${waitMs} ms`,
            ),
          );
        }, waitMs),
      };
      this.queue.push(w);
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.closed) {
      const idle = [...this.live].find((c) => c.state === 'idle');
      if (idle) {
        const w = this.queue.shift()!;
        clearTimeout(w.timer);
        clearTimeout(idle.idleTimer);
        idle.state = 'busy';
        w.resolve(idle);
        continue;
      }
      if (this.live.size >= this.fn.maxContainers) return;
      const w = this.queue.shift()!;
      clearTimeout(w.timer);
      const c = this.spawn();
      c.start().then(
        () => {
          if (c.state === 'dead')
            return w.reject(new RunnerError('ExecutionError', `container ${c.label} died right after starting`));
          c.state = 'busy';
          w.resolve(c);
        },
        (e: unknown) => {
          this.d.log(`[runner] ${c.label} failed to start: ${e instanceof Error ? e.message : String(e)}`);
          w.reject(e);
        },
      );
    }
  }

  private spawn(): Container {
    const n = this.d.nextN();
    const c = new Container({
      ...this.d,
      fn: this.fn,
      n,
      socketDir: join(this.d.socketRoot, String(n)),
      homeDir: join(this.d.workDir, `${this.fn.name}-${n}`),
      onExit: (dead, reason) => {
        if (!this.live.delete(dead)) return;
        this.d.log(`[runner] ${dead.label} (pid ${dead.pid ?? '-'}) ${reason}`);
        // a replacement starts on demand for queued calls
        this.pump();
      },
    });
    this.live.add(c);
    return c;
  }

  private release(c: Container): void {
    if (c.state === 'dead') return;
    c.state = 'idle';
    if (this.d.idleTimeoutMs > 0) {
      clearTimeout(c.idleTimer);
      c.idleTimer = setTimeout(() => {
        if (c.state === 'idle') void this.retire(c, `${this.d.idleTimeoutMs} ms idle`);
      }, this.d.idleTimeoutMs);
      c.idleTimer.unref();
    }
    this.pump();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.queue.splice(0)) {
      clearTimeout(w.timer);
      w.reject(new RunnerError('ServiceUnavailable', 'the runner is shutting down'));
    }
    await Promise.all([...this.live].map((c) => c.kill()));
    this.live.clear();
  }

  killNow(): void {
    for (const c of this.live) c.killNow();
  }
}

function errorResult(e: RunnerError): InvokeResult {
  const body = Buffer.from(JSON.stringify({ code: e.code, message: e.message }));
  return {
    status: e.status,
    headers: { 'content-type': 'application/json' },
    body,
    error: { code: e.code, message: e.message },
  };
}
