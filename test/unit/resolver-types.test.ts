/**
 * The resolver types of every function's subschema (codegen.ts; `npm run codegen` rewrites them) are
 * up to date with schema/*.graphql, and every function that resolves GraphQL has them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.ts';
import { DOMAIN_FUNCTIONS } from '../../schema/index.ts';

const RESOLVER_TYPES = /^functions\/([a-z-]+)\/resolver-types\.generated\.ts$/;

describe('generated resolver types', () => {
  it('cover the gateway and every domain function', () => {
    const fns = Object.keys(config.generates).flatMap((f) => RESOLVER_TYPES.exec(f)?.[1] ?? []);
    expect(fns.sort()).toEqual(['gateway', ...DOMAIN_FUNCTIONS].sort());
  });

  it('match schema/*.graphql (run npm run codegen)', async () => {
    const generates = Object.fromEntries(Object.entries(config.generates).filter(([f]) => RESOLVER_TYPES.test(f)));
    const outputs = (await generate({ ...config, generates, silent: true }, false)) as {
      filename: string;
      content: string;
    }[];
    expect(outputs.length).toBe(Object.keys(generates).length);
    for (const o of outputs) expect(readFileSync(join(process.cwd(), o.filename), 'utf8'), o.filename).toBe(o.content);
  }, 60_000);
});
