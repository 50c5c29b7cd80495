/**
 * The README's shell snippets, pasted in order as a user would: every ```sh block of README.md runs in
 * one bash (`set -euo pipefail`) from the repository, against a whole local stack with the seeded demo
 * tenancy. Only the stack's ports and state dir differ from `npm start`'s (8080, 8081, `.local`), so the
 * snippets are rewritten to this stack's URLs and `npm run token` gets its STATE_DIR.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStackFixture, type StackFixture } from '../helpers/stack.ts';

process.env.EMULATOR_IMAGE_WORK_MS ??= '1500';
process.env.EMULATOR_TRANSITION_MS ??= '300';

const ROOT = join(import.meta.dirname, '../..');

/** The ```sh blocks of a markdown text, in order. */
function shellBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

function runBash(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('README snippets (pasted in order against a local stack)', () => {
  let fx: StackFixture;
  beforeAll(async () => {
    fx = await startStackFixture();
  }, 120_000);
  afterAll(async () => {
    await fx?.stop();
  });

  it('every ```sh block runs to the end and shows what the README says it shows', async () => {
    const blocks = shellBlocks(readFileSync(join(ROOT, 'README.md'), 'utf8'));
    expect(blocks.length).toBeGreaterThanOrEqual(7);
    const front = new URL(fx.stack.urls.apigw).host;
    const emulator = new URL(fx.stack.urls.emulator).host;
    const script = ['set -euo pipefail', ...blocks]
      .join('\n')
      .replaceAll('127.0.0.1:8080', front)
      .replaceAll('127.0.0.1:8081', emulator);
    const { code, out } = await runBash(script, { ...process.env, STATE_DIR: fx.stateDir });
    expect(code, out.slice(-4000)).toBe(0);
    expect(out).toContain('"userId":"alice"');
    expect(out).toMatch(/used: [1-9]\d* bytes/);
    expect(out).toContain('sepal_length,species');
    expect(out).toContain('part 1: 200');
    expect(out).toMatch(/commit: 20\d/);
    expect(out).toContain('export SUCCEEDED');
    expect(out).toMatch(/Q\s+F\s+I\s+373/);
    expect(out).toContain('"hourlyLimit":100');
  }, 300_000);
});
