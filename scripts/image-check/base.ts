/**
 * The stand-in base image: no registry is reachable, so the base the Dockerfile names is made from this
 * machine's Node plus the libraries `ldd` lists, /bin/sh, env and npm, in the layout of node:<version>-slim.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Buildah } from './buildah.ts';

/** The base image the Dockerfile names by default (`ARG NODE_IMAGE=...`), fully qualified. */
export function dockerfileBase(dockerfile: string): { named: string; qualified: string } {
  const m = /^ARG NODE_IMAGE=(\S+)\s*$/m.exec(dockerfile);
  if (!m) throw new Error('the Dockerfile has no `ARG NODE_IMAGE=<image>` default');
  const named = m[1]!;
  const first = named.split('/')[0]!;
  const hasRegistry = named.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const qualified = hasRegistry ? named : `docker.io/${named.includes('/') ? '' : 'library/'}${named}`;
  return { named, qualified };
}

/** The shared libraries `ldd` lists for a binary (absolute paths). */
function sharedLibraries(binary: string): string[] {
  const r = spawnSync('ldd', [binary], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ldd ${binary} failed: ${r.stderr.trim()}`);
  return [...r.stdout.matchAll(/(?:=>\s+|^\s+)(\/\S+)\s+\(0x/gm)].map((m) => m[1]!);
}

function copyInto(root: string, from: string, to = from, mode?: number): void {
  const dest = join(root, to);
  mkdirSync(dirname(dest), { recursive: true });
  copyFileSync(realpathSync(from), dest);
  if (mode !== undefined) chmodSync(dest, mode);
}

/** npm's package folder on this machine (the one running this script, else the one on PATH). */
function npmPackageDir(): string {
  const cli =
    process.env.npm_execpath ??
    (() => {
      const r = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error('npm is not on PATH');
      return realpathSync(r.stdout.trim());
    })();
  const dir = resolve(dirname(cli), '..');
  if (
    !existsSync(join(dir, 'package.json')) ||
    (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name !== 'npm'
  ) {
    throw new Error(`cannot find npm's package folder from ${cli}`);
  }
  return dir;
}

/**
 * A minimal root filesystem in the layout of node:<version>-slim: node in /usr/local/bin, npm in
 * /usr/local/lib/node_modules, /bin/sh, /usr/bin/env, the user `node` (1000:1000), /tmp.
 */
function populateBase(root: string, nodeBinary: string): void {
  copyInto(root, nodeBinary, '/usr/local/bin/node', 0o755);
  const sh = realpathSync('/bin/sh');
  for (const bin of [nodeBinary, sh, '/usr/bin/env']) for (const lib of sharedLibraries(bin)) copyInto(root, lib);
  copyInto(root, sh, '/bin/sh', 0o755);
  copyInto(root, '/usr/bin/env', '/usr/bin/env', 0o755);
  const npm = join(root, 'usr/local/lib/node_modules/npm');
  mkdirSync(dirname(npm), { recursive: true });
  cpSync(npmPackageDir(), npm, { recursive: true, verbatimSymlinks: true });
  symlinkSync('../lib/node_modules/npm/bin/npm-cli.js', join(root, 'usr/local/bin/npm'));
  symlinkSync('../lib/node_modules/npm/bin/npx-cli.js', join(root, 'usr/local/bin/npx'));
  mkdirSync(join(root, 'etc'), { recursive: true });
  writeFileSync(join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000::/home/node:/bin/sh\n');
  writeFileSync(join(root, 'etc/group'), 'root:x:0:\nnode:x:1000:\n');
  for (const d of ['tmp', 'root', 'home/node']) mkdirSync(join(root, d), { recursive: true });
  chmodSync(join(root, 'tmp'), 0o1777);
  chownSync(join(root, 'home/node'), 1000, 1000);
}

/** Commit the stand-in base under `tag` (the base the Dockerfile names). */
export function makeStandInBase(b: Buildah, tag: string, nodeBinary: string, nodeVersion: string): void {
  const ctr = b.run(['from', 'scratch']);
  try {
    const mnt = b.run(['mount', ctr]);
    populateBase(mnt, nodeBinary);
    b.run(['umount', ctr]);
    b.run([
      'config',
      '--env',
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      '--env',
      `NODE_VERSION=${nodeVersion}`,
      '--cmd',
      'node',
      ctr,
    ]);
    b.run(['commit', '--rm', ctr, tag]);
  } catch (e) {
    spawnSync('buildah', [...b.global, 'rm', ctr], { env: b.env });
    throw e;
  }
}
