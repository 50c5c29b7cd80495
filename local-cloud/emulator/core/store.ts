/**
 * Emulator state on disk. Every record is its own JSON file written atomically (write to a temp
 * file in the same folder, fsync it, rename, fsync the folder), so a process killed mid-write, or a
 * power loss, leaves either the old or the new record, never a torn one (`EMULATOR_FSYNC=0` drops
 * the fsyncs: then only a killed process is covered). Records are loaded into memory when a collection is first
 * opened and written through on every change; reads never touch the disk.
 *
 * Layout: `<stateDir>/data/<service>/<collection>/<sha1(key)>.json` holding `{ key, value }`,
 * and `<stateDir>/blobs/<id>` for object bodies.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  closeSync,
  createWriteStream,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';

function fileNameFor(key: string): string {
  return createHash('sha1').update(key).digest('hex') + '.json';
}

/**
 * Whether writes are flushed to the disk before they count as done: on unless `EMULATOR_FSYNC=0`.
 * Without it a power loss (not a killed process) can leave a renamed but empty file.
 */
export function fsyncEnabled(): boolean {
  return process.env.EMULATOR_FSYNC !== '0';
}

/** fsync a directory so a rename in it survives a power loss; best effort (some filesystems refuse). */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    /* best effort */
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export interface WriteFileAtomicOptions {
  /** file mode from creation */
  mode?: number;
  /** flush the data before the rename and the directory after it @default fsyncEnabled() */
  fsync?: boolean;
}

/** Write `data` to `path` so that readers see the old or the new content, never a mix. */
export function writeFileAtomic(path: string, data: string | Buffer, options: WriteFileAtomicOptions = {}): void {
  const tmp = `${path}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  const sync = options.fsync ?? fsyncEnabled();
  // the mode applies from creation, so a secret is never readable by others, not even briefly
  const fd = openSync(tmp, 'w', options.mode ?? 0o666);
  try {
    writeFileSync(fd, data);
    if (sync) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  if (sync) fsyncDir(dirname(path));
}

/** Where `Collection` reports record files it cannot parse. */
export type StoreWarn = (message: string, fields: Record<string, unknown>) => void;
const defaultWarn: StoreWarn = (message, fields) => console.warn(`[emulator] ${message}`, fields);

/** Options of a {@link Collection}. */
export interface CollectionOptions {
  /** flush every record write (see {@link writeFileAtomic}) @default fsyncEnabled() */
  fsync?: boolean;
  /** told once per record file that cannot be parsed (it is then skipped) @default console.warn */
  warn?: StoreWarn;
}

export class Collection<T> {
  private readonly records = new Map<string, T>();
  private readonly fsync: boolean;
  constructor(
    private readonly dir: string,
    options: CollectionOptions = {},
  ) {
    this.fsync = options.fsync ?? fsyncEnabled();
    mkdirSync(dir, { recursive: true });
    for (const f of readdirSync(dir)) {
      if (f.endsWith('.tmp')) {
        // left behind by a write that was killed before its rename: the old record stands
        try {
          unlinkSync(join(dir, f));
        } catch {
          /* already gone */
        }
        continue;
      }
      if (!f.endsWith('.json')) continue;
      try {
        const rec = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { key: string; value: T };
        this.records.set(rec.key, rec.value);
      } catch (e: unknown) {
        // writes are atomic, so this is a foreign file or one torn by a power loss without fsync
        (options.warn ?? defaultWarn)('skipping a record file that cannot be parsed', {
          file: join(dir, f),
          error: e instanceof Error ? e.message : String(e),
        });
      }
    }
  }
  get(key: string): T | undefined {
    return this.records.get(key);
  }
  has(key: string): boolean {
    return this.records.has(key);
  }
  put(key: string, value: T): T {
    writeFileAtomic(join(this.dir, fileNameFor(key)), JSON.stringify({ key, value }), { fsync: this.fsync });
    this.records.set(key, value);
    return value;
  }
  delete(key: string): boolean {
    if (!this.records.has(key)) return false;
    try {
      unlinkSync(join(this.dir, fileNameFor(key)));
    } catch {
      /* already gone */
    }
    return this.records.delete(key);
  }
  keys(): string[] {
    return [...this.records.keys()];
  }
  values(): T[] {
    return [...this.records.values()];
  }
  entries(): [string, T][] {
    return [...this.records.entries()];
  }
  get size(): number {
    return this.records.size;
  }
  clear(): void {
    for (const k of this.keys()) this.delete(k);
  }
}

const BLOB_ID = /^[a-f0-9-]{36}$/;

export interface BlobInfo {
  id: string;
  size: number;
  md5: string;
}

export class BlobStore {
  private readonly fsync: boolean;
  constructor(
    private readonly dir: string,
    options: { fsync?: boolean } = {},
  ) {
    this.fsync = options.fsync ?? fsyncEnabled();
    mkdirSync(dir, { recursive: true });
    for (const f of readdirSync(dir)) if (f.endsWith('.tmp')) rmSync(join(dir, f), { force: true });
  }
  path(id: string): string {
    if (!BLOB_ID.test(id)) throw new Error('invalid blob id');
    return join(this.dir, id);
  }
  /** Ids of the blobs on disk (files not named like a blob id are not ours and are left out). */
  ids(): string[] {
    return readdirSync(this.dir).filter((f) => BLOB_ID.test(f));
  }
  /** Stream `source` into a new blob; `maxBytes` aborts oversized bodies. */
  async write(source: Readable | Buffer, options: { maxBytes?: number } = {}): Promise<BlobInfo> {
    const id = randomUUID();
    const final = this.path(id);
    const tmp = `${final}.tmp`;
    const md5 = createHash('md5');
    let size = 0;
    try {
      if (Buffer.isBuffer(source)) {
        md5.update(source);
        size = source.length;
        writeFileSync(tmp, source);
      } else {
        const max = options.maxBytes ?? Number.POSITIVE_INFINITY;
        source.on('data', (chunk: Buffer) => {
          size += chunk.length;
          md5.update(chunk);
          if (size > max) source.destroy(new BlobTooLargeError(max));
        });
        await pipeline(source, createWriteStream(tmp));
      }
      if (this.fsync) {
        const h = await open(tmp, 'r+');
        try {
          await h.sync();
        } finally {
          await h.close();
        }
      }
      renameSync(tmp, final);
      if (this.fsync) fsyncDir(this.dir);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
    return { id, size, md5: md5.digest('base64') };
  }
  size(id: string): number {
    return statSync(this.path(id)).size;
  }
  delete(id: string): void {
    rmSync(this.path(id), { force: true });
  }
  clear(): void {
    for (const f of readdirSync(this.dir)) rmSync(join(this.dir, f), { force: true });
  }
}

export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`body larger than ${maxBytes} bytes`);
    this.name = 'BlobTooLargeError';
  }
}

/** All emulator state under one directory: collections per service, plus blobs. */
export class StateStore {
  private readonly collections = new Map<string, Collection<unknown>>();
  readonly blobs: BlobStore;
  private readonly options: CollectionOptions;
  constructor(
    readonly dir: string,
    options: CollectionOptions = {},
  ) {
    this.options = options;
    mkdirSync(join(dir, 'data'), { recursive: true });
    this.blobs = new BlobStore(join(dir, 'blobs'), options.fsync === undefined ? {} : { fsync: options.fsync });
  }
  collection<T>(service: string, name: string): Collection<T> {
    const id = `${service}/${name}`;
    let c = this.collections.get(id);
    if (!c) {
      c = new Collection<unknown>(join(this.dir, 'data', service, name), this.options);
      this.collections.set(id, c);
    }
    return c as Collection<T>;
  }
  /** Service name → collection name → record count, for the inspection hook. */
  summary(service?: string): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (const [id, c] of this.collections) {
      const [svc, name] = id.split('/') as [string, string];
      if (service && svc !== service) continue;
      (out[svc] ??= {})[name] = c.size;
    }
    return out;
  }
  dump<T>(service: string, name: string): T[] {
    return this.collection<T>(service, name).values();
  }
  /** Forget every record of the given services (or all but identity). */
  reset(services: string[]): void {
    for (const [id, c] of this.collections) {
      const svc = id.split('/')[0]!;
      if (services.includes(svc)) c.clear();
    }
  }
}
