/**
 * OCI list pagination: `limit` (1..max) and an opaque `page` token answered in `opc-next-page`.
 * Tokens are offsets into the filtered, sorted list; a token that does not parse is a 400.
 */
import { OciErrors } from '../../core/errors.ts';
import type { EmulatorRequest } from '../../core/types.ts';

export interface PageOptions {
  /** @default 100 */
  defaultLimit?: number;
  /** @default 1000 */
  maxLimit?: number;
}

export interface Page<T> {
  items: T[];
  next?: string;
  headers: Record<string, string | undefined>;
}

const encode = (offset: number): string => Buffer.from(`o:${offset}`).toString('base64url');

function decode(token: string): number {
  const m = /^o:(\d{1,9})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!m) throw OciErrors.invalidParameter(`The page token '${token}' is not valid`);
  return Number(m[1]);
}

export function parseLimit(req: EmulatorRequest, o: PageOptions = {}): number {
  const raw = req.query('limit');
  const max = o.maxLimit ?? 1000;
  if (raw === undefined || raw === '') return o.defaultLimit ?? 100;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw OciErrors.invalidParameter(`limit must be an integer from 1 to ${max}, got '${raw}'`);
  return n;
}

/** One page of `all` per the request's `limit` and `page`. */
export function paginate<T>(req: EmulatorRequest, all: T[], o: PageOptions = {}): Page<T> {
  const limit = parseLimit(req, o);
  const token = req.query('page');
  const offset = token ? decode(token) : 0;
  const items = all.slice(offset, offset + limit);
  const next = offset + limit < all.length ? encode(offset + limit) : undefined;
  return { items, ...(next ? { next } : {}), headers: { 'opc-next-page': next } };
}
