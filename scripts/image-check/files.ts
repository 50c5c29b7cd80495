/** Reading the built image and the processes run from it: its config, its files, its users. */
import { X509Certificate } from 'node:crypto';
import { chownSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { join, relative } from 'node:path';

/** The part of `buildah inspect`'s OCIv1 config the check reads. */
export interface ImageConfig {
  User?: string;
  Env?: string[];
  Cmd?: string[];
  Entrypoint?: string[];
  WorkingDir?: string;
}

/**
 * Every file and symlink under `dir` (absolute paths). Symlinked directories are listed, not entered
 * (a Debian rootfs has /dev/fd -> /proc/self/fd, which `readdirSync`'s recursive mode walks into).
 */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, d.name);
    if (d.isDirectory()) out.push(...filesUnder(path));
    else if (d.isFile() || d.isSymbolicLink()) out.push(path);
  }
  return out;
}

/** The certificates in NODE_EXTRA_CA_CERTS that Node does not ship: the proxy's CA (base64 DER bodies). */
export function extraCertificates(file: string): string[] {
  const pems = readFileSync(file, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  const shipped = new Set(rootCertificates.map((p) => new X509Certificate(p).fingerprint256));
  return pems
    .filter((p) => !shipped.has(new X509Certificate(p).fingerprint256))
    .map((p) => p.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, ''));
}

/** Files of the image holding any of the certificates (their base64 body, as PEM lines, or DER). */
export function filesHolding(rootfs: string, certs: string[]): string[] {
  // a 64-character line from each certificate's PEM body, and a slice of its DER
  const needles = certs.flatMap((c) => [Buffer.from(c.slice(64, 128)), Buffer.from(c, 'base64').subarray(40, 104)]);
  const hits: string[] = [];
  for (const f of filesUnder(rootfs)) {
    if (lstatSync(f).isSymbolicLink()) continue;
    const data = readFileSync(f);
    if (needles.some((n) => data.includes(n))) hits.push(`/${relative(rootfs, f)}`);
  }
  return hits;
}

/** The uid and gid of an image user (`name`, `name:group` or numeric), from its /etc/passwd. */
export function userIds(rootfs: string, user: string): { uid: number; gid: number } {
  const [name, group] = user.split(':');
  if (/^\d+$/.test(name!)) return { uid: Number(name), gid: Number(group ?? name) };
  const line = readFileSync(join(rootfs, 'etc/passwd'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) throw new Error(`the image's user ${name} is not in its /etc/passwd`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** Give `dir` and everything under it to uid:gid. */
export function chownTree(dir: string, uid: number, gid: number): void {
  chownSync(dir, uid, gid);
  for (const d of readdirSync(dir, { recursive: true, withFileTypes: true }))
    chownSync(join(d.parentPath, d.name), uid, gid);
}

/** Processes under `pid` (itself included), from /proc. */
export function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    let kids: string[] = [];
    try {
      kids = readdirSync(`/proc/${out[i]}/task`).flatMap((t) =>
        readFileSync(`/proc/${out[i]}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean),
      );
    } catch {
      /* gone */
    }
    out.push(...kids.map(Number));
  }
  return out;
}
