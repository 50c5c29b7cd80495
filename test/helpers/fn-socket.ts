/**
 * One call to a function container the way the Fn agent makes it: HTTP over the container's unix
 * socket, POST /call with Fn-Call-Id and Fn-Deadline (30 s unless given) and the caller's headers.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';

export interface FnSocketReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface FnSocketCall {
  /** Extra headers (Fn-Intent, Fn-Http-*, ...); they override the defaults. */
  headers?: Record<string, string>;
  body?: string;
  /** @default '/call' */
  path?: string;
  /** @default 'POST' */
  method?: string;
}

export function callFnSocket(socketPath: string, c: FnSocketCall = {}): Promise<FnSocketReply> {
  const body = c.body ?? '';
  return new Promise((resolveP, reject) => {
    const req = http.request(
      {
        socketPath,
        method: c.method ?? 'POST',
        path: c.path ?? '/call',
        headers: {
          'Fn-Call-Id': `call-${randomBytes(6).toString('hex')}`,
          'Fn-Deadline': new Date(Date.now() + 30_000).toISOString(),
          'Content-Length': String(Buffer.byteLength(body)),
          ...c.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolveP({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
