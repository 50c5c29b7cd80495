/**
 * The installed oci-* packages as files, for test/unit/oci-sdk-upgrade.test.ts: which packages the project
 * depends on, their generated client, waiter and model files, and text scans over them.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { clientShape, type ClientShape } from '#bundle/oci-prune.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const NODE_MODULES = join(ROOT, 'node_modules');

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

/** The oci-* packages in package.json's dependencies, oci-common included. */
export const OCI_PACKAGES = Object.keys(pkg.dependencies).filter((d) => d.startsWith('oci-'));
/** The generated per-service packages (everything but oci-common). */
export const SERVICE_PACKAGES = OCI_PACKAGES.filter((p) => p !== 'oci-common');

/** A file of the installed package, as text. */
export function sdkFile(pkgName: string, file: string): string {
  return readFileSync(join(NODE_MODULES, pkgName, file), 'utf8');
}

/** `lib/client.js` and every `lib/*-waiter.js` of a service package (paths relative to the package). */
export function clientFiles(pkgName: string): string[] {
  const waiters = readdirSync(join(NODE_MODULES, pkgName, 'lib')).filter((f) => f.endsWith('-waiter.js'));
  return ['lib/client.js', ...waiters.sort().map((f) => `lib/${f}`)];
}

/** The `.js` files under `dir` of a package (relative to the package), recursively, skipping `skip` folders. */
export function jsFiles(pkgName: string, dir = '.', skip: readonly string[] = []): string[] {
  const base = join(NODE_MODULES, pkgName);
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && !skip.includes(relative(base, p))) walk(p);
      } else if (e.name.endsWith('.js')) out.push(relative(base, p));
    }
  };
  if (existsSync(join(base, dir))) walk(join(base, dir));
  return out.sort();
}

/** The distinct first capture group of `re` over `text`. */
export function captures(text: string, re: RegExp): string[] {
  return [...new Set([...text.matchAll(re)].map((m) => m[1]!))].sort();
}

const shapes = new Map<string, ClientShape>();
/** oci-prune's reading of a client or waiter file, parsed once (oci-core's client is 2 MB). */
export function shapeOf(pkgName: string, file: string): ClientShape {
  const key = `${pkgName}/${file}`;
  let shape = shapes.get(key);
  if (!shape) shapes.set(key, (shape = clientShape(sdkFile(pkgName, file))));
  return shape;
}
