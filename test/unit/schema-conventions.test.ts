/**
 * The conventions of the stitched schema that the SDL linter (npm run lint:schema) cannot see: what
 * introspection shows after stitching, and the enums mirrored in TypeScript.
 */
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildGatewaySchema } from '../../functions/gateway/schema.ts';
import { BACKEND_SET_HEALTH, LIFECYCLE_STATES, lifecycleStateOf } from '../../functions/resources/lifecycle.ts';
import { domainSdl } from '../../schema/index.ts';
import { validateSchemas } from '../../scripts/build.ts';

const schema: GraphQLSchema = buildGatewaySchema({ sdl: domainSdl, executors: {} });
const enumValues = (name: string) => {
  const t = schema.getType(name);
  if (!isEnumType(t)) throw new Error(`${name} is not an enum`);
  return t.getValues().map((v) => v.name);
};

describe('the stitched schema', () => {
  it('describes the schema and every type, field, argument and enum value after stitching', () => {
    expect(schema.description).toMatch(/Relay connection/);
    const missing: string[] = [];
    for (const t of Object.values(schema.getTypeMap())) {
      if (t.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(t.name)) continue;
      if (!t.description) missing.push(t.name);
      if (isObjectType(t) || isInterfaceType(t)) {
        for (const f of Object.values(t.getFields())) {
          if (!f.description) missing.push(`${t.name}.${f.name}`);
          for (const a of f.args) if (!a.description) missing.push(`${t.name}.${f.name}(${a.name})`);
        }
      }
      if (isInputObjectType(t))
        for (const f of Object.values(t.getFields())) if (!f.description) missing.push(`${t.name}.${f.name}`);
      if (isEnumType(t)) for (const v of t.getValues()) if (!v.description) missing.push(`${t.name}.${v.name}`);
    }
    expect(missing).toEqual([]);
  });

  it('has enum values in upper case everywhere, Role included', () => {
    for (const t of Object.values(schema.getTypeMap())) {
      if (!isEnumType(t) || t.name.startsWith('__')) continue;
      for (const v of t.getValues()) expect(v.name, `${t.name}.${v.name}`).toMatch(/^[A-Z][A-Z0-9_]*$/);
    }
    expect(enumValues('Role')).toEqual(['VIEWER', 'OPERATOR', 'ADMIN']);
  });

  it('uses one PageInfo and the Relay shape for every connection', () => {
    const connections = Object.values(schema.getTypeMap()).filter((t) => t.name.endsWith('Connection'));
    expect(connections.map((t) => t.name).sort()).toEqual([
      'CompartmentConnection',
      'ExportJobConnection',
      'ResourceConnection',
      'StoredFileConnection',
    ]);
    for (const c of connections) {
      if (!isObjectType(c)) throw new Error(c.name);
      const f = c.getFields();
      expect(String(f.pageInfo?.type), c.name).toBe('PageInfo!');
      expect(String(f.edges?.type), c.name).toBe(`[${c.name.replace(/Connection$/, 'Edge')}!]!`);
    }
    expect(Object.keys(schema.getTypeMap()).filter((n) => n.endsWith('PageInfo'))).toEqual(['PageInfo']);
  });

  it('keeps side effects in mutations and lookups by id non-null', () => {
    const query = schema.getQueryType()!.getFields();
    const mutation = schema.getMutationType()!.getFields();
    expect(query.exportDownloadUrl).toBeUndefined();
    expect(mutation.createExportDownloadUrl).toBeDefined();
    expect(String(query.instance!.type)).toBe('Instance!');
    expect(String(query.exportJob!.type)).toBe('ExportJob!');
  });

  it(
    'mirrors the lifecycle and backend health enums in ' + 'TypeScript, and maps a state it does not know to UNKNOWN',
    () => {
      expect([...LIFECYCLE_STATES].sort()).toEqual(enumValues('LifecycleState').sort());
      expect([...BACKEND_SET_HEALTH].sort()).toEqual(enumValues('BackendSetHealthStatus').sort());
      expect(lifecycleStateOf('RUNNING')).toBe('RUNNING');
      expect(lifecycleStateOf('UNKNOWN_VALUE')).toBe('UNKNOWN');
      expect(lifecycleStateOf('SOMETHING_NEW')).toBe('UNKNOWN');
    },
  );
});

describe("the build's schema check", () => {
  it('validates every subschema, a file or a folder of files (schema/resources/ is three)', () => {
    expect(validateSchemas()).toEqual([
      'exports.graphql',
      'gateway.graphql',
      'presign.graphql',
      'quota.graphql',
      'resources/',
    ]);
  });
});
