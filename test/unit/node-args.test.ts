/**
 * deployment/node-args.ts: the process settings of a function container per memory tier, given as
 * function config (NODE_OPTIONS, MALLOC_ARENA_MAX). Node must accept the flags in NODE_OPTIONS and
 * V8 must size its heap from them.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { FUNCTION_SPECS, FUNCTIONS } from '#deployment/manifest.ts';
import { containerEnv, containerNodeArgs } from '#deployment/node-args.ts';

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
