/**
 * What the front serves itself besides function routes: the web app's built files (dist/web) and
 * the GraphiQL page, each compressed (brotli or gzip, whichever the client accepts first by our
 * preference). The build writes `.br` and `.gz` next to every web file; the GraphiQL page (≈9 MB,
 * assets inlined so it works offline) is compressed once per process on first use.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export type Encoding = 'br' | 'gzip' | 'identity';

/** The encoding to answer with for an Accept-Encoding header (q=0 refuses one). */
export function negotiateEncoding(acceptEncoding: string | undefined): Encoding {
  const accepted = new Map<string, number>();
  for (const part of String(acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (n: string) => (accepted.get(n) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}

/** One body in its three encodings. */
export interface Variants {
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
}

/**
 * The body in each encoding, each compressed on first read and kept. Brotli quality 5 and gzip level
 * 6: measured on the 9 MB GraphiQL page, quality 9 took ~10 s on this machine for a few % less.
 */
export function compressVariants(body: Buffer): Variants {
  let br: Buffer | undefined, gzip: Buffer | undefined;
  return {
    identity: body,
    get br() {
      return (br ??= brotliCompressSync(body, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
      }));
    },
    get gzip() {
      return (gzip ??= gzipSync(body, { level: 6 }));
    },
  };
}

/** Writes `variants` in the encoding the request accepts (HEAD: headers only). */
export function sendVariants(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  variants: Variants,
  headers: Record<string, string>,
): void {
  const enc = negotiateEncoding(req.headers['accept-encoding'] as string | undefined);
  const body = variants[enc];
  res.writeHead(status, {
    ...headers,
    vary: 'Accept-Encoding',
    'content-length': String(body.length),
    ...(enc === 'identity' ? {} : { 'content-encoding': enc }),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

/**
 * The file of `dir` that a request path names: `/` is index.html, `/<prefix>/x` is `<dir>/x` when the
 * route is a `/<prefix>/*` route. Undefined for anything outside `dir`, a folder or a missing file.
 */
export function staticFile(dir: string, relative: string): string | undefined {
  const rel = relative === '' || relative === '/' ? 'index.html' : relative.replace(/^\/+/, '');
  if (rel.includes('\0') || rel.split('/').some((s) => s === '..' || s.startsWith('.'))) return undefined;
  const file = normalize(join(dir, rel));
  if (!file.startsWith(normalize(dir) + sep)) return undefined;
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

/** Serves one built file with its precompressed siblings (`.br`, `.gz`); compresses when they are missing. */
export function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  headers: Record<string, string>,
): void {
  const identity = readFileSync(file);
  const sibling = (ext: string) => (existsSync(file + ext) ? readFileSync(file + ext) : undefined);
  const br = sibling('.br'),
    gz = sibling('.gz');
  const variants = br && gz ? { identity, br, gzip: gz } : compressVariants(identity);
  // index.html names the hashed bundles: revalidate it; the hashed files never change
  const cache = file.endsWith('.html') || file.endsWith('.json') ? 'no-cache' : 'public, max-age=31536000, immutable';
  sendVariants(req, res, 200, variants, {
    ...headers,
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': cache,
  });
}
