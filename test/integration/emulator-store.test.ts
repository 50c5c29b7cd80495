/** Emulator state on disk (core/store.ts): durable atomic writes and unreadable record files. */
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Collection, StateStore, fsyncEnabled, writeFileAtomic } from '#local/emulator/core/store.ts';
import { tempDir } from '../helpers/emulator.ts';

const dirs: string[] = [];
const dir = () => {
  const d = tempDir('emu-store');
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it.each([true, false])('writes the whole content with the mode and leaves no temp file (fsync %s)', (fsync) => {
    const d = dir();
    const file = join(d, 'secret.pem');
    writeFileAtomic(file, 'first', { mode: 0o600, fsync });
    writeFileAtomic(file, Buffer.from('second'), { mode: 0o600, fsync });
    expect(readFileSync(file, 'utf8')).toBe('second');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(d)).toEqual(['secret.pem']);
  });

  it('flushes by default and not with EMULATOR_FSYNC=0', () => {
    const before = process.env.EMULATOR_FSYNC;
    try {
      delete process.env.EMULATOR_FSYNC;
      expect(fsyncEnabled()).toBe(true);
      process.env.EMULATOR_FSYNC = '0';
      expect(fsyncEnabled()).toBe(false);
    } finally {
      if (before === undefined) delete process.env.EMULATOR_FSYNC;
      else process.env.EMULATOR_FSYNC = before;
    }
  });
});

describe('Collection', () => {
  it('reports each record file it cannot parse once, and loads the others', () => {
    const d = dir();
    const store = new StateStore(d, { warn: () => undefined });
    store.collection<{ n: number }>('svc', 'things').put('good', { n: 1 });
    const folder = join(d, 'data', 'svc', 'things');
    // what a power loss after an un-flushed rename leaves, and a foreign file
    writeFileSync(join(folder, 'empty.json'), '');
    writeFileSync(join(folder, 'garbage.json'), '{"key":');
    const warnings: Record<string, unknown>[] = [];
    const c = new Collection<{ n: number }>(folder, {
      warn: (message, fields) => warnings.push({ message, ...fields }),
    });
    expect(c.get('good')).toEqual({ n: 1 });
    expect(c.size).toBe(1);
    expect(warnings.map((w) => w.file).sort()).toEqual([join(folder, 'empty.json'), join(folder, 'garbage.json')]);
    expect(warnings[0]!.message).toMatch(/cannot be parsed/);
  });

  it('passes its warn option down from the StateStore', () => {
    const d = dir();
    const folder = join(d, 'data', 'svc', 'broken');
    new StateStore(d).collection('svc', 'broken');
    writeFileSync(join(folder, 'x.json'), 'not json');
    const files: unknown[] = [];
    new StateStore(d, { warn: (_m, f) => files.push(f.file) }).collection('svc', 'broken');
    expect(files).toEqual([join(folder, 'x.json')]);
  });
});
