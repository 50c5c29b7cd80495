/**
 * The stand-in base image: no registry is reachable, so the base the Dockerfile names is made here, in the
 * layout of node:<version>-slim: a minimal Debian (mmdebstrap, variant apt, this machine's suite: apt works,
 * so the runtime stage installs jemalloc as it does on the real base) plus this machine's Node and npm and
 * the user `node`.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  appendFileSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  symlinkSync,
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

/** This machine's Debian suite (`VERSION_CODENAME`), the one the stand-in's Debian is made of. */
function debianSuite(): string {
  const os = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '';
  const m = /^VERSION_CODENAME=(\w+)$/m.exec(os);
  if (!/^ID=debian$/m.test(os) || !m) throw new Error('the image check makes its stand-in base with Debian tools');
  return m[1]!;
}

/**
 * The root filesystem: a minimal Debian with apt (as node:<version>-slim is debian:<suite>-slim plus Node),
 * node in /usr/local/bin, npm in /usr/local/lib/node_modules, the user `node` (1000:1000).
 */
function populateBase(root: string, nodeBinary: string): void {
  const suite = debianSuite();
  const r = spawnSync('mmdebstrap', ['--variant=apt', '--mode=root', '--quiet', suite, root], {
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (r.status !== 0)
    throw new Error(`mmdebstrap ${suite} failed (apt-get install mmdebstrap): ${(r.stderr || r.error?.message) ?? ''}`);
  copyInto(root, nodeBinary, '/usr/local/bin/node', 0o755);
  // node:<version>-slim's node runs on the Debian it is built for; this Node may want a library Debian lacks
  for (const lib of sharedLibraries(nodeBinary)) if (!existsSync(join(root, lib))) copyInto(root, lib);
  const npm = join(root, 'usr/local/lib/node_modules/npm');
  mkdirSync(dirname(npm), { recursive: true });
  cpSync(npmPackageDir(), npm, { recursive: true, verbatimSymlinks: true });
  symlinkSync('../lib/node_modules/npm/bin/npm-cli.js', join(root, 'usr/local/bin/npm'));
  symlinkSync('../lib/node_modules/npm/bin/npx-cli.js', join(root, 'usr/local/bin/npx'));
  appendFileSync(join(root, 'etc/passwd'), 'node:x:1000:1000::/home/node:/bin/sh\n');
  appendFileSync(join(root, 'etc/group'), 'node:x:1000:\n');
  mkdirSync(join(root, 'home/node'), { recursive: true });
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
