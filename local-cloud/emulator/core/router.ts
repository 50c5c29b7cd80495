/** Matches raw request paths against the providers' route patterns. */
import { OciErrors } from './errors.ts';
import type { Provider, Route, UnimplementedRoute } from './types.ts';

interface Compiled<T> {
  re: RegExp;
  names: string[];
  route: T;
  provider: Provider;
}

function compile(path: string): { re: RegExp; names: string[] } {
  const names: string[] = [];
  const src = path
    .split('/')
    .map((seg) => {
      const m = /^\{(\w+)(\+?)\}$/.exec(seg);
      if (!m) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(m[1]!);
      return m[2] ? '(.+)' : '([^/]+)';
    })
    .join('/');
  return { re: new RegExp(`^${src}$`), names };
}

export interface RouteMatch {
  route: Route;
  provider: Provider;
  params: Record<string, string>;
}

export class Router {
  private readonly routes: Compiled<Route>[] = [];
  private readonly missing: Compiled<UnimplementedRoute>[] = [];
  private readonly prefixes: { prefix: string; provider: Provider }[] = [];

  add(provider: Provider): void {
    for (const r of provider.routes) this.routes.push({ ...compile(r.path), route: r, provider });
    for (const r of provider.unimplemented ?? []) this.missing.push({ ...compile(r.path), route: r, provider });
    for (const prefix of provider.prefixes) this.prefixes.push({ prefix, provider });
    this.prefixes.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  /** The route for a request, or an OciServiceError: 501 for operations we do not implement. */
  match(method: string, rawPath: string): RouteMatch {
    let pathMatched = false;
    for (const c of this.routes) {
      const m = c.re.exec(rawPath);
      if (!m) continue;
      pathMatched = true;
      if (c.route.method !== method) continue;
      const params: Record<string, string> = {};
      c.names.forEach((n, i) => {
        try {
          params[n] = decodeURIComponent(m[i + 1]!);
        } catch {
          throw OciErrors.invalidParameter(`The path parameter ${n} is not valid percent-encoding`);
        }
      });
      return { route: c.route, provider: c.provider, params };
    }
    for (const c of this.missing) {
      if (c.route.method === method && c.re.test(rawPath))
        throw OciErrors.notImplemented(`${c.provider.name} ${c.route.operation}`);
    }
    const owner = this.prefixes.find(
      (p) => rawPath === p.prefix || rawPath.startsWith(p.prefix.endsWith('/') ? p.prefix : p.prefix + '/'),
    );
    if (owner || pathMatched) {
      throw OciErrors.notImplemented(`${owner?.provider.name ?? 'this service'} operation ${method} ${rawPath}`);
    }
    throw OciErrors.notAuthorizedOrNotFound(`No OCI API at ${method} ${rawPath}`);
  }
}
