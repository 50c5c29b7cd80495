/**
 * The emulator's policy engine on Oracle's documented examples ("Policy Syntax", "Common Policies",
 * the per-service policy pages, "Writing Matching Rules"): parsing, verbs and families, locations,
 * conditions, dynamic groups, and the permission table's coverage of every emulated operation.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  evaluate,
  IamSyntaxError,
  OPERATIONS,
  parseConditionText,
  parsePolicyStatement,
  PolicyEngine,
  RESOURCE_TYPES,
  type CompartmentTree,
  type IamPrincipal,
} from '#local/emulator/iam/index.ts';
import { resourceTypeOf } from '#local/emulator/iam/permissions.ts';
import { queryTable } from '#local/emulator/iam/targets.ts';
import { startEmulator } from '#local/emulator/index.ts';

const T = 'ocid1.tenancy.oc1..aaaaroot';
const A = 'ocid1.compartment.oc1..aaaaprojecta';
const A1 = 'ocid1.compartment.oc1..aaaaprojecta1';
const B = 'ocid1.compartment.oc1..aaaaprojectb';
const tree: CompartmentTree = {
  tenancyId: T,
  parentOf: (id) => (({ [A]: T, [A1]: A, [B]: T }) as Record<string, string>)[id],
  idOfPath: (p) =>
    (({ 'project-a': A, 'project-a:dev': A1, 'project-b': B }) as Record<string, string>)[p.toLowerCase()],
};
const alice: IamPrincipal = { kind: 'user', id: 'ocid1.user.oc1..alice', type: 'user' };
const fn = (id: string, compartmentId = A): IamPrincipal => ({ kind: 'resource', id, type: 'fnfunc', compartmentId });

function engine(
  statements: string[],
  extra: {
    groups?: { name: string; members: string[] }[];
    dynamicGroups?: { name: string; matchingRule: string }[];
  } = {},
) {
  return new PolicyEngine(
    {
      statements: statements.map((text, i) => ({ text, source: `test #${i}` })),
      groups: extra.groups ?? [{ name: 'ObjectReaders', members: [alice.id] }],
      dynamicGroups: extra.dynamicGroups ?? [],
    },
    tree,
  );
}
const allowed = (
  e: PolicyEngine,
  p: IamPrincipal,
  permission: string,
  compartmentId: string | undefined,
  vars: Record<string, string> = {},
) => e.authorize(p, 'Op', [{ permission, ...(compartmentId ? { compartmentId } : {}), vars }]).allowed;

describe('policy syntax', () => {
  it('parses subjects, verbs, types, locations and conditions', () => {
    const s = parsePolicyStatement(
      "Allow group ObjectWriters to manage objects in compartment ABC where any {request.permission='OBJECT_CREATE', " +
        "request.permission='OBJECT_INSPECT'}",
    );
    expect(s.subjects).toEqual([{ kind: 'group', name: 'ObjectWriters' }]);
    expect(s.grant).toEqual({ verb: 'manage', resourceType: 'objects' });
    expect(s.location).toEqual({ kind: 'compartment', path: 'ABC' });
    expect(s.where).toEqual({
      kind: 'any',
      items: [
        { kind: 'clause', variable: 'request.permission', op: '=', value: 'OBJECT_CREATE' },
        { kind: 'clause', variable: 'request.permission', op: '=', value: 'OBJECT_INSPECT' },
      ],
    });
    expect(
      parsePolicyStatement(
        'allow dynamic-group id ocid1.dynamicgroup.oc1..x to use fn-invocation in compartment id ' +
          'ocid1.compartment.oc1..y',
      ).subjects,
    ).toEqual([{ kind: 'dynamic-group', id: 'ocid1.dynamicgroup.oc1..x' }]);
    expect(
      parsePolicyStatement(
        "Allow group 'Default'/'NetworkAdmins', SecAdmins to {OBJECT_INSPECT, OBJECT_READ} in tenancy",
      ).subjects,
    ).toEqual([
      { kind: 'group', name: 'NetworkAdmins' },
      { kind: 'group', name: 'SecAdmins' },
    ]);
    expect(parsePolicyStatement('Allow service cloudEvents to use functions-family in tenancy').subjects).toEqual([
      { kind: 'service', name: 'cloudEvents' },
    ]);
  });

  it.each([
    ['Allow group to read buckets in tenancy', 'expected "to"'],
    ['Allow group A to peek buckets in tenancy', 'unknown verb peek'],
    ['Allow group A to read buckets on tenancy', 'expected "in"'],
    ["Allow group A to read buckets in tenancy where target.bucket.name = 'x", 'unterminated'],
    ["Allow group A to read buckets in tenancy where any {target.bucket.name = 'x'", 'expected'],
    ['Endorse group A to read buckets in tenancy foo', 'not supported'],
    ['Allow group A to {object_read} in tenancy', 'not a permission name'],
  ])('refuses %s', (text, message) => {
    expect(() => parsePolicyStatement(text)).toThrow(IamSyntaxError);
    expect(() => parsePolicyStatement(text)).toThrow(message);
  });

  it('refuses an unknown resource type at load, naming the statement', () => {
    expect(() => engine(['Allow group A to read bukets in tenancy'])).toThrow(
      /unknown resource type bukets \(test #0\)/,
    );
  });
});

describe('verbs, families and locations', () => {
  it('read buckets covers inspect+read, not use/manage (Object Storage page)', () => {
    const e = engine(['Allow group ObjectReaders to read buckets in compartment Project-A']);
    expect(allowed(e, alice, 'BUCKET_INSPECT', A)).toBe(true);
    expect(allowed(e, alice, 'BUCKET_READ', A)).toBe(true);
    expect(allowed(e, alice, 'BUCKET_UPDATE', A)).toBe(false);
    expect(allowed(e, alice, 'PAR_MANAGE', A)).toBe(false);
    expect(allowed(e, alice, 'OBJECT_READ', A)).toBe(false);
  });

  it('a compartment covers its sub-compartments, not its siblings or parent; tenancy covers all', () => {
    const e = engine(['Allow group ObjectReaders to read objects in compartment Project-A']);
    expect(allowed(e, alice, 'OBJECT_READ', A1)).toBe(true);
    expect(allowed(e, alice, 'OBJECT_READ', B)).toBe(false);
    expect(allowed(e, alice, 'OBJECT_READ', T)).toBe(false);
    expect(allowed(e, alice, 'OBJECT_READ', undefined)).toBe(false);
    const t = engine(['Allow group ObjectReaders to read objects in tenancy']);
    expect(allowed(t, alice, 'OBJECT_READ', undefined)).toBe(true);
    expect(
      allowed(engine([`Allow group ObjectReaders to read objects in compartment id ${A1}`]), alice, 'OBJECT_READ', A),
    ).toBe(false);
    expect(
      allowed(
        engine(['Allow group ObjectReaders to read objects in compartment Project-A:Dev']),
        alice,
        'OBJECT_READ',
        A1,
      ),
    ).toBe(true);
  });

  it('families stand for their members; all-resources for every type', () => {
    const e = engine(['Allow group ObjectReaders to use instance-family in tenancy']);
    expect(allowed(e, alice, 'INSTANCE_CREATE_IMAGE', A)).toBe(true); // use instances
    expect(allowed(e, alice, 'INSTANCE_IMAGE_UPDATE', A)).toBe(true); // use instance-images
    expect(allowed(e, alice, 'INSTANCE_IMAGE_CREATE', A)).toBe(false); // manage instance-images
    expect(allowed(e, alice, 'VNIC_READ', A)).toBe(false);
    const admin = engine(['Allow group ObjectReaders to manage all-resources in tenancy']);
    for (const p of ['OBJECT_DELETE', 'FN_INVOCATION', 'NOSQL_ROWS_DELETE', 'INSTANCE_DELETE'])
      expect(allowed(admin, alice, p, B)).toBe(true);
    expect(
      allowed(engine(['Allow group ObjectReaders to inspect all-resources in tenancy']), alice, 'OBJECT_READ', B),
    ).toBe(false);
  });

  it('a permission list grants exactly those permissions', () => {
    const e = engine(['Allow group ObjectReaders to {INSTANCE_READ, INSTANCE_CREATE_IMAGE} in tenancy']);
    expect(allowed(e, alice, 'INSTANCE_CREATE_IMAGE', A)).toBe(true);
    expect(allowed(e, alice, 'INSTANCE_INSPECT', A)).toBe(false);
  });
});

describe('conditions', () => {
  it('= / != / any / all over the request and target variables', () => {
    const e = engine([
      "Allow group ObjectReaders to manage objects in tenancy where all {target.bucket.name = 'files', any " +
        "{request.permission = 'OBJECT_READ', request.permission = 'OBJECT_CREATE'}}",
      "Allow group ObjectReaders to read buckets in tenancy where target.bucket.name != 'secret'",
    ]);
    expect(allowed(e, alice, 'OBJECT_READ', A, { 'target.bucket.name': 'files' })).toBe(true);
    expect(allowed(e, alice, 'OBJECT_CREATE', A, { 'target.bucket.name': 'files' })).toBe(true);
    expect(allowed(e, alice, 'OBJECT_DELETE', A, { 'target.bucket.name': 'files' })).toBe(false);
    expect(allowed(e, alice, 'OBJECT_READ', A, { 'target.bucket.name': 'other' })).toBe(false);
    expect(allowed(e, alice, 'BUCKET_READ', A, { 'target.bucket.name': 'public' })).toBe(true);
    expect(allowed(e, alice, 'BUCKET_READ', A, { 'target.bucket.name': 'secret' })).toBe(false);
  });

  it('a variable the request does not supply matches nothing (target.function.id is not a Functions variable)', () => {
    const e = engine([
      "Allow group ObjectReaders to use fn-invocation in tenancy where target.function.id = 'ocid1.fnfunc.oc1..x'",
    ]);
    expect(allowed(e, alice, 'FN_INVOCATION', A)).toBe(false);
    expect(e.unsetVariables()).toEqual([
      { statement: expect.objectContaining({ source: 'test #0' }), variables: ['target.function.id'] },
    ]);
    expect(evaluate(parseConditionText("x.y != 'a'"), {})).toBe(false);
  });

  it('NoSQL table names (target.nosql-table.name) and the table of a Query statement', () => {
    const e = engine([
      'allow group ObjectReaders to use nosql-rows in compartment Project-A ' +
        "where target.nosql-table.name = 'customers'",
    ]);
    expect(allowed(e, alice, 'NOSQL_ROWS_INSERT', A, { 'target.nosql-table.name': 'customers' })).toBe(true);
    expect(allowed(e, alice, 'NOSQL_ROWS_INSERT', A, { 'target.nosql-table.name': 'orders' })).toBe(false);
    expect(queryTable('DECLARE $id STRING; SELECT * FROM customers c WHERE c.id = $id')).toEqual({
      table: 'customers',
      isDelete: false,
    });
    expect(queryTable('delete from orders where x = 1')).toEqual({ table: 'orders', isDelete: true });
  });
});

describe('principals', () => {
  it('dynamic groups match a function by OCID, by compartment, ALL/ANY; nobody else', () => {
    const dynamicGroups = [
      { name: 'presign-fn', matchingRule: "ALL {resource.type = 'fnfunc', resource.id = 'ocid1.fnfunc.oc1..presign'}" },
      { name: 'app-fns', matchingRule: `ANY {resource.compartment.id = '${B}'}` },
    ];
    const e = engine(
      [
        'Allow dynamic-group presign-fn to read objects in tenancy',
        'Allow dynamic-group app-fns to inspect buckets in tenancy',
      ],
      { dynamicGroups },
    );
    expect(e.dynamicGroupsOf(fn('ocid1.fnfunc.oc1..presign')).map((d) => d.name)).toEqual(['presign-fn']);
    expect(allowed(e, fn('ocid1.fnfunc.oc1..presign'), 'OBJECT_READ', A)).toBe(true);
    expect(allowed(e, fn('ocid1.fnfunc.oc1..quota'), 'OBJECT_READ', A)).toBe(false);
    expect(allowed(e, fn('ocid1.fnfunc.oc1..quota', B), 'BUCKET_INSPECT', A)).toBe(true);
    const d = e.authorize(fn('ocid1.fnfunc.oc1..stray'), 'HeadObject', [
      { permission: 'OBJECT_READ', compartmentId: A },
    ]);
    expect(d).toMatchObject({ allowed: false, missing: { permission: 'OBJECT_READ' } });
    expect(!d.allowed && d.reason).toContain('in no dynamic group');
  });

  it('dynamic groups refuse variables other than resource.* and tags', () => {
    expect(() => engine([], { dynamicGroups: [{ name: 'x', matchingRule: "instance.compartment.id = 'y'" }] })).toThrow(
      'unsupported variable',
    );
  });

  it("API Gateway (any-user + request.principal.type), the Events service and schedules (Oracle's statements)", () => {
    const gw: IamPrincipal = { kind: 'resource', id: 'ocid1.apigateway.oc1..gw', type: 'ApiGateway', compartmentId: A };
    const sched: IamPrincipal = {
      kind: 'resource',
      id: 'ocid1.resourceschedule.oc1..s',
      type: 'resourceschedule',
      compartmentId: A,
    };
    const events: IamPrincipal = { kind: 'service', id: 'cloudEvents', type: 'service' };
    const e = engine([
      `ALLOW any-user to use functions-family in compartment Project-A where ALL {request.principal.type= ` +
        `'ApiGateway', request.resource.compartment.id = '${A}'}`,
      'Allow service cloudEvents to use functions-family in compartment Project-A',
      'Allow any-user to use fn-invocation in compartment Project-A where ' +
        "all{request.principal.type='resourceschedule',request.principal.id='ocid1.resourceschedule.oc1..s'}",
    ]);
    expect(allowed(e, gw, 'FN_INVOCATION', A)).toBe(true);
    expect(allowed(e, { ...gw, compartmentId: B }, 'FN_INVOCATION', A)).toBe(false);
    expect(allowed(e, events, 'FN_INVOCATION', A)).toBe(true);
    expect(allowed(e, { ...events, id: 'other' }, 'FN_INVOCATION', A)).toBe(false);
    expect(allowed(e, sched, 'FN_INVOCATION', A)).toBe(true);
    expect(allowed(e, { ...sched, id: 'ocid1.resourceschedule.oc1..other' }, 'FN_INVOCATION', A)).toBe(false);
    expect(allowed(e, fn('ocid1.fnfunc.oc1..f'), 'FN_INVOCATION', A)).toBe(false);
  });
});

describe('permission table', () => {
  it(
    'every permission it names belongs to a resource type, and ' + 'every emulated signed operation has an entry',
    async () => {
      for (const [op, spec] of Object.entries(OPERATIONS)) {
        for (const p of [...spec.permissions, ...(spec.also?.permissions ?? [])])
          expect(resourceTypeOf(p), `${op}: ${p}`).toBeDefined();
      }
      expect(Object.keys(RESOURCE_TYPES).length).toBeGreaterThan(20);
      const dir = mkdtempSync(join(tmpdir(), 'iam-ops-'));
      const emu = await startEmulator({ stateDir: dir, port: 0 });
      try {
        const names = [
          'auth',
          'functions',
          'nosql',
          'objectstorage',
          'identity',
          'compute',
          'network',
          'workrequests',
          'database',
          'mysql',
          'containerengine',
          'apigateway',
          'loadbalancer',
          'monitoring',
        ];
        const missing: string[] = [];
        for (const n of names) {
          const p = emu.provider(n);
          expect(p, n).toBeDefined();
          for (const r of p!.routes)
            if ((r.auth ?? 'signature') === 'signature' && !r.iam && !OPERATIONS[`${n}:${r.operation}`])
              missing.push(`${n}:${r.operation}`);
        }
        expect(missing).toEqual([]);
      } finally {
        await emu.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
