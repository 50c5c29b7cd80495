/**
 * One call to a container: `POST /call` on its unix socket (reference §1.3), the way the Fn agent
 * sends it, with a hard timeout and a cap on the response body.
 */
import http from 'node:http';

/** Hop-by-hop headers never forwarded (RFC 7230 §6.1), plus what the transport sets itself. */
const DROPPED = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'trailer',
  'transfer-encoding',
  'te',
  'upgrade',
  'host',
  'content-length',
  // the caller's OCI request signature is not the function's business (some Fn agents drop it too)
  'authorization',
  // set by the runner
  'fn-call-id',
  'fn-deadline',
]);

/** The incoming headers as sent to the FDK: minus hop-by-hop, plus Fn-Call-Id and Fn-Deadline. */
export function callHeaders(
  incoming: Record<string, string | string[] | undefined>,
  callId: string,
  deadline: Date,
  bodyLength: number,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(incoming)) {
    if (v === undefined || DROPPED.has(k.toLowerCase())) continue;
    out[k] = v;
  }
  out['Fn-Call-Id'] = callId;
  // RFC 3339 (ISO 8601 UTC with milliseconds), what the FDK parses with `new Date()`
  out['Fn-Deadline'] = deadline.toISOString();
  out['Content-Length'] = String(bodyLength);
  return out;
}

export type CallOutcome =
  | { kind: 'response'; status: number; headers: http.IncomingHttpHeaders; body: Buffer }
  | { kind: 'timeout' }
  | { kind: 'too-large'; limit: number }
  | { kind: 'socket-error'; error: Error };

export interface SendCallOptions {
  socketPath: string;
  agent: http.Agent;
  headers: Record<string, string | string[]>;
  body: Buffer;
  timeoutMs: number;
  maxResponseBytes: number;
}

export function sendCall(o: SendCallOptions): Promise<CallOutcome> {
  return new Promise<CallOutcome>((resolve) => {
    let settled = false;
    const settle = (out: CallOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(out);
      if (out.kind !== 'response') req.destroy();
    };
    const timer = setTimeout(() => settle({ kind: 'timeout' }), o.timeoutMs);
    const req = http.request(
      {
        socketPath: o.socketPath,
        agent: o.agent,
        method: 'POST',
        path: '/call',
        headers: { Host: 'localhost', ...o.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > o.maxResponseBytes) {
            settle({ kind: 'too-large', limit: o.maxResponseBytes });
            res.destroy();
            return;
          }
          chunks.push(c);
        });
        res.on('end', () =>
          settle({ kind: 'response', status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', (error) => settle({ kind: 'socket-error', error }));
        res.on('aborted', () =>
          settle({ kind: 'socket-error', error: new Error('the function closed the connection mid-response') }),
        );
      },
    );
    req.on('error', (error) => settle({ kind: 'socket-error', error }));
    req.end(o.body);
  });
}
