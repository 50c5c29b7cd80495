import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LightHeaders, createNodeHttpClient } from '../../shared/oci/http-transport.ts';

let server: http.Server;
let base: string;
const seen: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      if (req.url === '/fail') {
        res.writeHead(409, 'Conflict', { 'content-type': 'application/json', 'opc-request-id': 'r-409' });
        res.end(JSON.stringify({ code: 'IncorrectState', message: 'busy' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'x-multi': ['a', 'b'] });
      res.end(JSON.stringify({ echo: Buffer.concat(chunks).toString('utf8') }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('LightHeaders', () => {
  it('is case-insensitive, joins repeats, iterates sorted lowercase names like Headers', () => {
    const h = new LightHeaders({ 'Content-Type': 'application/json' });
    h.append('X-A', '1');
    h.append('x-a', '2');
    h.set('B-Header', ' v ');
    expect(h.get('content-type')).toBe('application/json');
    expect(h.get('X-A')).toBe('1, 2');
    expect(h.has('b-header')).toBe(true);
    expect([...h]).toEqual([
      ['b-header', 'v'],
      ['content-type', 'application/json'],
      ['x-a', '1, 2'],
    ]);
    h.delete('X-A');
    expect(h.get('x-a')).toBeNull();
    const seenPairs: string[] = [];
    h.forEach((v, k) => {
      seenPairs.push(`${k}=${v}`);
    });
    expect(seenPairs).toEqual(['b-header=v', 'content-type=application/json']);
  });
});

describe('node:http transport for the SDK', () => {
  it('signs, then sends the string body and headers; the response reads as JSON with its headers', async () => {
    const signed: unknown[] = [];
    const client = createNodeHttpClient({
      signHttpRequest: async (r) => {
        signed.push(r.body);
        r.headers.set('authorization', 'Signature test');
      },
    });
    const headers = new LightHeaders({ 'content-type': 'application/json' });
    const res = await client.send({
      method: 'POST',
      uri: `${base}/20190828/tables?x=1`,
      headers: headers as unknown as Headers,
      body: '{"a":1}',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-multi')).toBe('a, b');
    expect(await res.json()).toEqual({ echo: '{"a":1}' });
    expect(signed).toEqual(['{"a":1}']);
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ method: 'POST', url: '/20190828/tables?x=1', body: '{"a":1}' });
    expect(last.headers.authorization).toBe('Signature test');
    expect(last.headers['content-length']).toBe('7');
  });

  it('streams a Readable body excluded from signing, and offers the body as a web stream', async () => {
    const client = createNodeHttpClient(null);
    const res = await client.send(
      {
        method: 'PUT',
        uri: `${base}/o/x`,
        headers: new LightHeaders() as unknown as Headers,
        body: Readable.from([Buffer.from('ab'), Buffer.from('cd')]) as unknown as string,
      },
      true,
    );
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const parts: Uint8Array[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(r.value);
    expect(JSON.parse(Buffer.concat(parts).toString('utf8'))).toEqual({ echo: 'abcd' });
  });

  it(
    'hands back error statuses with statusText and body (the SDK maps them), and a refused connection as ' +
      "node:http's error",
    async () => {
      const client = createNodeHttpClient(null);
      const res = await client.send({
        method: 'GET',
        uri: `${base}/fail`,
        headers: new LightHeaders() as unknown as Headers,
      });
      expect([res.status, res.statusText, res.ok, res.headers.get('opc-request-id')]).toEqual([
        409,
        'Conflict',
        false,
        'r-409',
      ]);
      expect(await res.text()).toContain('IncorrectState');
      const closed = http.createServer();
      await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
      const dead = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
      await new Promise((r) => closed.close(r));
      await expect(
        client.send({ method: 'GET', uri: `${dead}/x`, headers: new LightHeaders() as unknown as Headers }),
      ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    },
  );
});
