/**
 * The FDK handshake, checked the way the Fn agent does (reference §1.2, fn `agent.go`
 * `inotifyAwait` + `checkSocketDestination`): the FDK listens on `lsnr.sock.tmp`, then creates
 * the relative symlink `lsnr.sock -> lsnr.sock.tmp`. We watch the directory (inotify through
 * fs.watch, with a slow poll as a safety net), then require the link to be relative, inside the
 * same directory, and to resolve to a socket.
 */
import { lstatSync, readlinkSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type HandshakeFailure =
  | { kind: 'timeout' }
  | { kind: 'bad-socket'; reason: string }
  | { kind: 'exited'; reason: string };

/** Check the listener once: undefined while not there yet, a reason string when it is wrong, 'ok' when ready. */
export function checkListener(sockPath: string): undefined | 'ok' | { bad: string } {
  let st;
  try {
    st = lstatSync(sockPath);
  } catch {
    return undefined;
  }
  if (!st.isSymbolicLink())
    return { bad: `${basename(sockPath)} is not a symlink (the FDK must link it to a .tmp socket)` };
  const target = readlinkSync(sockPath);
  if (dirname(target) !== '.')
    return { bad: `${basename(sockPath)} links to ${target}, which is not a relative name in the same directory` };
  try {
    if (!statSync(join(dirname(sockPath), target)).isSocket())
      return { bad: `${basename(sockPath)} -> ${target} is not a socket` };
  } catch {
    return { bad: `${basename(sockPath)} -> ${target} does not exist` };
  }
  return 'ok';
}

export interface AwaitListenerOptions {
  sockPath: string;
  timeoutMs: number;
  /** resolves (with a reason) when the process exits first */
  exited: Promise<string>;
}

/** Resolves when the listener is ready; rejects with a HandshakeFailure otherwise. */
export function awaitListener(o: AwaitListenerOptions): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let watcher: FSWatcher | undefined;
    let done = false;
    const finish = (failure?: HandshakeFailure) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearInterval(poll);
      watcher?.close();
      if (failure) reject(failure);
      else resolve();
    };
    const check = () => {
      const r = checkListener(o.sockPath);
      if (r === 'ok') finish();
      else if (r) finish({ kind: 'bad-socket', reason: r.bad });
    };
    const timer = setTimeout(() => finish({ kind: 'timeout' }), o.timeoutMs);
    const poll = setInterval(check, 100);
    try {
      watcher = watch(dirname(o.sockPath), (_event, name) => {
        if (name === null || name === basename(o.sockPath)) check();
      });
      watcher.on('error', () => undefined);
    } catch {
      // the poll above still finds it
    }
    void o.exited.then((reason) => finish({ kind: 'exited', reason }));
    check();
  });
}
