/**
 * deployment/node-args.ts: the process settings of a function container per memory tier, given as
 * function config (NODE_OPTIONS, MALLOC_ARENA_MAX). Node must accept the flags in NODE_OPTIONS and
 * V8 must size its heap from them. The local stack preloads the image's allocator when it finds it.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { FUNCTION_SPECS, FUNCTIONS } from '#deployment/manifest.ts';
import { containerEnv, containerNodeArgs, IMAGE_ALLOCATOR } from '#deployment/node-args.ts';
import { hostAllocatorEnv } from '#local/stack/allocator.ts';

const MB = 1024 * 1024;

describe('container node args', () => {
  it('caps the old space at 75 % of the tier and each semi-space at tier / 64', () => {
    expect(containerNodeArgs(128)).toEqual(['--max-old-space-size=96', '--max-semi-space-size=2']);
    expect(containerNodeArgs(256)).toEqual(['--max-old-space-size=192', '--max-semi-space-size=4']);
    expect(containerEnv(256)).toEqual({
      NODE_OPTIONS: '--max-old-space-size=192 --max-semi-space-size=4',
      MALLOC_ARENA_MAX: '2',
    });
  });

  it.each([...new Set(FUNCTIONS.map((fn) => FUNCTION_SPECS[fn].memoryMb))])(
    'node started with the %i MB tier as NODE_OPTIONS has a heap limit below the tier',
    (memoryMb) => {
      const r = spawnSync(
        process.execPath,
        ['-e', 'process.stdout.write(JSON.stringify(require("node:v8").getHeapStatistics()))'],
        { env: { PATH: process.env.PATH ?? '', ...containerEnv(memoryMb) }, encoding: 'utf8' },
      );
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const limit = (JSON.parse(r.stdout) as { heap_size_limit: number }).heap_size_limit / MB;
      // old space + the young generation (3 semi-spaces); without the semi-space flag V8 adds ~192 MB here
      const old = memoryMb * 0.75;
      expect(limit).toBeGreaterThanOrEqual(old);
      expect(limit).toBeLessThanOrEqual(old + 3 * (memoryMb / 64));
    },
  );
});

describe("the image's allocator on this machine (local containers)", () => {
  it('preloads the first jemalloc found, with the settings the image uses', () => {
    const seen: string[] = [];
    const env = hostAllocatorEnv((p) => {
      seen.push(p);
      return p === '/usr/lib/aarch64-linux-gnu/libjemalloc.so.2';
    });
    expect(env).toEqual({
      LD_PRELOAD: '/usr/lib/aarch64-linux-gnu/libjemalloc.so.2',
      MALLOC_CONF: IMAGE_ALLOCATOR.conf,
    });
    expect(seen[0]).toBe(IMAGE_ALLOCATOR.preload);
    expect(hostAllocatorEnv(() => false)).toBeNull();
  });

  it.runIf(hostAllocatorEnv() !== null)('a node started with it maps jemalloc and runs with the tier flags', () => {
    const r = spawnSync(
      process.execPath,
      ['-e', 'process.stdout.write(require("node:fs").readFileSync("/proc/self/maps", "utf8"))'],
      { env: { PATH: process.env.PATH ?? '', ...containerEnv(128), ...hostAllocatorEnv()! }, encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('/libjemalloc.so.2');
  });
});
