/**
 * Relay cursor connections (schema/scalars.graphql `PageInfo`; every `XConnection` has `edges`,
 * `nodes` and `pageInfo`). Two builders: {@link connectionOf} for a page a store already cut (the
 * store knows whether more follow), {@link sliceConnection} for a list held whole in memory.
 */
import { badInput, requireInt } from '../validate.ts';

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}
export interface Edge<T> {
  cursor: string;
  node: T;
}
export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
}

/** An opaque cursor for a key (base64url of its UTF-8). */
export const encodeCursor = (key: string): string => Buffer.from(key, 'utf8').toString('base64url');

/**
 * The key inside a cursor made by {@link encodeCursor}.
 * @throws BadUserInputError (field `after`) for anything that is not one.
 */
export function decodeCursor(cursor: string): string {
  if (!/^[A-Za-z0-9_-]{1,4000}$/.test(cursor)) throw badInput('after', 'after is not a cursor from this list');
  return Buffer.from(cursor, 'base64url').toString('utf8');
}

/** A connection over one page: each node's cursor is `encodeCursor(keyOf(node))`. */
export function connectionOf<T>(
  nodes: readonly T[],
  keyOf: (n: T) => string,
  page: { hasNextPage: boolean; hasPreviousPage: boolean },
): Connection<T> {
  const edges = nodes.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    nodes: [...nodes],
    pageInfo: { ...page, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/**
 * The page of `all` after the node whose key is in `after` (from the start without it), at most
 * `first` nodes. Keys must be unique in `all`.
 * @throws BadUserInputError when `first` is outside 1..max or `after` names no node of the list
 *   (a cursor from another list, or its node is gone).
 */
export function sliceConnection<T>(
  all: readonly T[],
  keyOf: (n: T) => string,
  a: { first?: number | null; after?: string | null },
  limits: { default: number; max: number },
): Connection<T> {
  const first = requireInt(a.first ?? limits.default, 'first', 1, limits.max);
  let start = 0;
  if (a.after != null) {
    const key = decodeCursor(a.after);
    const at = all.findIndex((n) => keyOf(n) === key);
    if (at < 0) throw badInput('after', 'after is not a cursor from this list (or its item is gone)');
    start = at + 1;
  }
  const nodes = all.slice(start, start + first);
  return connectionOf(nodes, keyOf, { hasNextPage: start + first < all.length, hasPreviousPage: start > 0 });
}
