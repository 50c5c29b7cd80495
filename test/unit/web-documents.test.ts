/**
 * The web app's GraphQL documents: generated types are up to date with the schema and the documents
 * (codegen.ts; `npm run codegen` rewrites them), and every document is valid against the stitched
 * schema and within the gateway's depth and cost limits (else the app would fail at run time).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { specifiedRules, validate, type DocumentNode, type GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.ts';
import { DEFAULT_LIMITS } from '../../functions/gateway/limits.ts';
import { buildGatewaySchema } from '../../functions/gateway/schema.ts';
import { domainSdl } from '../../schema/index.ts';
import * as generated from '../../web/src/gql/graphql.ts';

const schema = buildGatewaySchema({ sdl: domainSdl, executors: {} });
const documents = Object.entries(generated).filter(([name]) => name.endsWith('Document')) as [string, DocumentNode][];

describe('web app documents', () => {
  it('has generated types matching the schema and the documents (run npm run codegen)', async () => {
    const generates = Object.fromEntries(Object.entries(config.generates).filter(([f]) => f.startsWith('web/')));
    const outputs = (await generate({ ...config, generates, silent: true }, false)) as {
      filename: string;
      content: string;
    }[];
    expect(outputs.length).toBeGreaterThan(0);
    for (const o of outputs) expect(readFileSync(join(process.cwd(), o.filename), 'utf8'), o.filename).toBe(o.content);
  }, 60_000);

  it('sends only documents the gateway accepts: valid, depth ≤ 10, cost ≤ 5000', () => {
    expect(documents.length).toBeGreaterThan(15);
    for (const [name, doc] of documents) {
      const refused: string[] = [];
      const onReject = [(_: unknown, e: GraphQLError) => void refused.push(e.message)];
      const errors = validate(schema, doc, [
        ...specifiedRules,
        maxDepthRule({ n: DEFAULT_LIMITS.maxDepth, onReject, propagateOnRejection: false }),
        costLimitRule({ maxCost: DEFAULT_LIMITS.maxCost, onReject, propagateOnRejection: false }),
      ]);
      expect(
        errors.map((e) => e.message),
        name,
      ).toEqual([]);
      expect(refused, name).toEqual([]);
    }
  });
});
