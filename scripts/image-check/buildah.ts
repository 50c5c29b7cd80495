/** buildah, run as root with chroot isolation and vfs storage in the check's work dir. */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { say } from './report.ts';

export class Buildah {
  readonly global: string[];
  /** buildah's environment: its temp files (a killed `buildah run` leaves its mount dir) go under the work dir too */
  readonly env: Record<string, string>;

  constructor(work: string) {
    this.global = ['--root', join(work, 'storage'), '--runroot', join(work, 'run'), '--storage-driver', 'vfs'];
    mkdirSync(join(work, 'tmp'));
    // (buildah hands a RUN step only the proxy variables of its environment, never NODE_EXTRA_CA_CERTS)
    this.env = { ...(process.env as Record<string, string>), TMPDIR: join(work, 'tmp') };
  }

  /** Runs buildah, returns stdout; throws with its stderr on failure. */
  run(args: string[]): string {
    const r = spawnSync('buildah', [...this.global, ...args], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: this.env,
    });
    if (r.error) throw new Error(`buildah ${args[0]}: ${r.error.message}`);
    if (r.status !== 0)
      throw new Error(
        `buildah ${args.join(' ')} exited with ${r.status}: ${r.stderr.trim().split('\n').slice(-5).join(' | ')}`,
      );
    return r.stdout.trim();
  }

  /**
   * Runs buildah with its output to `logFile`; rejects with the
   * log's tail, or after `timeoutMs` (its whole process group killed).
   */
  stream(args: string[], logFile: string, timeoutMs: number): Promise<void> {
    return new Promise((resolvePromise, reject) => {
      const log = createWriteStream(logFile);
      const child = spawn('buildah', [...this.global, ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: this.env,
        detached: true,
      });
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, timeoutMs);
      child.stdout.pipe(log, { end: false });
      child.stderr.pipe(log, { end: false });
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        log.end(() => {
          if (code === 0) return resolvePromise();
          const tail = readFileSync(logFile, 'utf8').trim().split('\n').slice(-25).join('\n');
          reject(
            new Error(
              `buildah ${args[0]} ` +
                `${timedOut ? `did not finish within ${timeoutMs / 1000} s` : `exited with ${code}`}; last lines of ` +
                `its output:\n${tail}`,
            ),
          );
        });
      });
    });
  }
}

/** Fails with the fix when buildah is missing or this is not root. */
export function preflight(): void {
  const v = spawnSync('buildah', ['--version'], { encoding: 'utf8' });
  if (v.error) throw new Error('buildah is not installed: apt-get update && apt-get install -y buildah');
  if (process.getuid?.() !== 0)
    throw new Error(
      'the image check runs buildah with chroot isolation and vfs storage as root; run it as root (CI does)',
    );
  say(`image check with ${v.stdout.trim()}`);
}
