/**
 * The code cache is trained on each function's first OCI call (bundle/code-cache.ts): a training query
 * the schema refuses never reaches that code, and the cache silently covers less. Each must validate.
 */
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { FIRST_OCI_CALL } from '#bundle/code-cache.ts';
import { domainSdl, subschemaTypeDefs, type DomainFunction } from '../../schema/index.ts';

describe('code cache training queries', () => {
  it('cover every domain function and validate against its schema', () => {
    expect(Object.keys(FIRST_OCI_CALL).sort()).toEqual(Object.keys(domainSdl).sort());
    for (const [fn, call] of Object.entries(FIRST_OCI_CALL)) {
      const schema = buildSchema(subschemaTypeDefs(domainSdl[fn as DomainFunction]!));
      const errors = validate(schema, parse(call.query)).map((e) => e.message);
      expect(errors, `${fn}: ${call.query}`).toEqual([]);
    }
  });
});
