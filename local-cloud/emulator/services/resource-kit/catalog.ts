/**
 * The operations of the real services, from the oci-sdk clients (catalog.generated.ts). A provider
 * hands in its implemented routes and gets back every other operation of its clients as an
 * `unimplemented` route (answered 501 naming the operation) plus the path prefixes it owns.
 */
import type { Route, UnimplementedRoute } from '../../core/types.ts';
import { CATALOG } from './catalog.generated.ts';

const shape = (method: string, path: string): string => `${method} ${path.replace(/\{\w+\+?\}/g, '{}')}`;

export interface ServiceSurface {
  prefixes: string[];
  unimplemented: UnimplementedRoute[];
}

/**
 * @param clients oci-sdk client class names (`ComputeClient`, ...)
 * @param routes the provider's implemented routes
 * @param only restrict to operations whose path starts with one of these (a provider that speaks a
 *   slice of a shared client, e.g. identity compartments inside IdentityClient)
 */
export function surfaceOf(clients: string[], routes: Route[], only?: string[]): ServiceSurface {
  const done = new Set(routes.map((r) => shape(r.method, r.path)));
  const unimplemented: UnimplementedRoute[] = [];
  const prefixes = new Set<string>();
  for (const client of clients) {
    const lines = CATALOG[client];
    if (lines === undefined) throw new Error(`no catalog for ${client}`);
    for (const line of lines.split('\n')) {
      const [method, path, operation] = line.split(' ') as [Route['method'], string, string];
      if (only && !only.some((p) => path === p || path.startsWith(p + '/'))) continue;
      prefixes.add(path.split('/').slice(0, 3).join('/'));
      if (!done.has(shape(method, path))) unimplemented.push({ method, path, operation });
    }
  }
  for (const r of routes) prefixes.add(r.path.split('/').slice(0, 3).join('/'));
  return { prefixes: [...prefixes], unimplemented };
}
