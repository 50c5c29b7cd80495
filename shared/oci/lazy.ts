/**
 * A forwarding proxy that builds its target on first use (cold start: module-scope OCI clients cost
 * nothing until a call actually talks to OCI). Every operation — property reads (methods come back
 * bound to the real object), writes, `in`, `instanceof`, `Object.keys` — builds the target once and
 * forwards to it. Identity is the proxy's: keep and compare the proxy, not the target.
 */
export function lazyObject<T extends object>(make: () => T): T {
  let real: T | undefined;
  const get = (): T => (real ??= make());
  const bound = new Map<PropertyKey, { fn: unknown; wrapped: unknown }>();
  return new Proxy(Object.create(null) as T, {
    get(_, p) {
      const r = get();
      const v: unknown = Reflect.get(r, p, r);
      if (typeof v !== 'function') return v;
      // Bind once per method so `client.op === client.op` holds, like on the real object.
      const hit = bound.get(p);
      if (hit && hit.fn === v) return hit.wrapped;
      const wrapped = (v as (...a: unknown[]) => unknown).bind(r);
      bound.set(p, { fn: v, wrapped });
      return wrapped;
    },
    set: (_, p, v) => Reflect.set(get(), p, v),
    has: (_, p) => Reflect.has(get(), p),
    deleteProperty: (_, p) => Reflect.deleteProperty(get(), p),
    getPrototypeOf: () => Reflect.getPrototypeOf(get()),
    ownKeys: () =>
      Reflect.ownKeys(get()).filter((k) => Reflect.getOwnPropertyDescriptor(get(), k)?.configurable !== false),
    getOwnPropertyDescriptor(_, p) {
      const d = Reflect.getOwnPropertyDescriptor(get(), p);
      return d && d.configurable === false ? undefined : d;
    },
    defineProperty: (_, p, d) => Reflect.defineProperty(get(), p, d),
  });
}
