/**
 * infra/oci cannot be applied from here (no terraform, no tenancy), so these tests hold it to the
 * code: the generated data is exactly what scripts/oci-infra.ts makes from the stack (drift fails),
 * it matches the stack's own FUNCTIONS / TABLES / rules / routes, every .tf file is valid HCL2
 * (parsed by HashiCorp's parser compiled to WASM), and the hand-written HCL wires what the code needs.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import {
  BUCKETS,
  EXPORTS_BUCKET,
  FILES_BUCKET,
  FUNCTIONS,
  FUNCTION_SPECS,
  ROUTES,
  TABLES,
  type FunctionName,
} from '#deployment/manifest.ts';
import { DYNAMIC_GROUPS, STATEMENTS } from '#deployment/iam.ts';
import { containerEnv } from '#deployment/node-args.ts';
import { eventRules } from '#local/stack/resources.ts';
import {
  BUCKET_TOKENS,
  GENERATED_FILE,
  generateStackData,
  renderStackData,
  type StackData,
} from '../../scripts/oci-infra.ts';
import { IAM_DOC, withFreshTable } from '../../scripts/iam-doc.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const TF_DIR = join(ROOT, 'infra/oci');
const committed = () => readFileSync(join(ROOT, GENERATED_FILE), 'utf8');
const tfFiles = () =>
  readdirSync(TF_DIR)
    .filter((f) => f.endsWith('.tf'))
    .sort();
const tfText = (f: string) => readFileSync(join(TF_DIR, f), 'utf8');
/** HCL without comments (good enough for our files: no `#` or `//` inside strings we test). */
const code = (f: string) =>
  tfText(f)
    .split('\n')
    .filter((l) => !/^\s*(#|\/\/)/.test(l))
    .join('\n');

type Hcl = Record<string, Record<string, Record<string, Record<string, unknown>[]>>>;

describe('generated stack data (infra/oci/generated/stack.json)', () => {
  it('is exactly what npm run infra:generate makes from the code now (no drift)', async () => {
    const fresh = renderStackData(await generateStackData());
    expect(committed(), 'generated/stack.json is stale: run npm run infra:generate').toBe(fresh);
  });

  const data = () => JSON.parse(committed()) as StackData;

  it('has every function of the stack with its memory/timeout (OCI defaults otherwise)', () => {
    const d = data();
    expect(Object.keys(d.functions)).toEqual([...FUNCTIONS]);
    for (const fn of FUNCTIONS) {
      const s = FUNCTION_SPECS[fn];
      expect(d.functions[fn]).toEqual({
        memory_in_mbs: s.memoryMb,
        timeout_in_seconds: s.timeoutSeconds,
        env: containerEnv(s.memoryMb),
      });
    }
  });

  it('has every table of the manifest verbatim (name, DDL, limits)', async () => {
    const tables = TABLES;
    expect(tables.length).toBeGreaterThan(0);
    expect(Object.keys(data().nosql_tables).sort()).toEqual(tables.map((t) => t.name).sort());
    for (const t of tables) {
      expect(data().nosql_tables[t.name]).toEqual({
        ddl_statement: t.ddlStatement,
        table_limits: {
          max_read_units: t.tableLimits.maxReadUnits,
          max_write_units: t.tableLimits.maxWriteUnits,
          max_storage_in_gbs: t.tableLimits.maxStorageInGBs,
        },
      });
      // nosql.tf renames tables with var.table_prefix by replacing exactly this text
      expect(t.ddlStatement).toContain(`EXISTS ${t.name} (`);
    }
  });

  it('has the stack event rules: same conditions once bucket tokens are substituted, same target functions', () => {
    const ids = Object.fromEntries(FUNCTIONS.map((f) => [f, `ocid1.fnfunc.oc1..${f}`])) as Record<FunctionName, string>;
    const rules = eventRules(ids);
    const d = data().event_rules;
    expect(Object.keys(d).sort()).toEqual(rules.map((r) => r.name).sort());
    const untoken = (s: string) =>
      Object.entries(BUCKET_TOKENS).reduce((acc, [name, tok]) => acc.split(tok).join(name), s);
    for (const r of rules) {
      expect(JSON.parse(untoken(JSON.stringify(d[r.name]!.condition)))).toEqual(r.condition);
      expect(d[r.name]!.functions.map((f) => ids[f as FunctionName])).toEqual(r.actions.map((a) => a.functionId));
    }
    // the object rules really carry the bucket tokens Terraform replaces
    expect(JSON.stringify(d)).toContain(BUCKET_TOKENS[FILES_BUCKET]);
    expect(JSON.stringify(d)).toContain(BUCKET_TOKENS[EXPORTS_BUCKET]);
  });

  it('has the front routes that reach a function, and both buckets with object events on', () => {
    expect(data().routes).toEqual(
      ROUTES.filter((r) => r.function && !r.localOnly).map((r) => ({
        path: r.path,
        methods: r.methods,
        function: r.function,
      })),
    );
    expect(
      data().routes.some(
        (r) =>
          r.path === '/graphql' && r.function === 'gateway' && r.methods.includes('GET') && r.methods.includes('POST'),
      ),
    ).toBe(true);
    expect(BUCKETS.map((b) => b.objectEventsEnabled)).toEqual([true, true]);
    expect(data().buckets).toEqual({
      files: { object_events_enabled: true },
      exports: { object_events_enabled: true },
    });
  });
});

describe('infra/oci HCL', () => {
  it('is split by concern and every file is valid HCL2', async () => {
    expect(tfFiles()).toEqual(
      expect.arrayContaining([
        'apigateway.tf',
        'events.tf',
        'functions.tf',
        'iam.tf',
        'nosql.tf',
        'outputs.tf',
        'storage.tf',
        'variables.tf',
      ]),
    );
    for (const f of tfFiles()) await expect(parse(f, tfText(f)), f).resolves.toBeTypeOf('object');
    await expect(parse('broken.tf', 'resource "a" "b" {\n  x =\n}\n')).rejects.toThrow(/Invalid expression/);
  });

  it(
    'functions.tf declares exactly the stack FUNCTIONS, each with ' + 'its FUNCTION_NAME and the env it reads',
    async () => {
      const hcl = (await parse('functions.tf', tfText('functions.tf'))) as Hcl;
      const fns = hcl.resource!.oci_functions_function!;
      expect(Object.keys(fns).sort()).toEqual([...FUNCTIONS].sort());
      const needs: Record<FunctionName, string[]> = {
        resources: ['FUNCTION_NAME = "resources"', 'local.nosql_config', 'TENANCY_ID'],
        exports: ['FUNCTION_NAME = "exports"', 'local.nosql_config', 'local.storage_config'],
        presign: ['FUNCTION_NAME = "presign"', 'local.nosql_config', 'local.storage_config'],
        quota: ['FUNCTION_NAME = "quota"', 'local.nosql_config', 'local.storage_config'],
        gateway: [
          'FUNCTION_NAME      = "gateway"',
          'FN_INVOKE_ENDPOINT = oci_functions_function.resources.invoke_endpoint',
        ],
      };
      for (const fn of FUNCTIONS) {
        const r = fns[fn]![0]!;
        expect(r.image).toBe('${var.image_url}');
        expect(r.display_name).toBe(fn);
        expect(r.memory_in_mbs).toBe(`\${local.fn_settings["${fn}"].memory_in_mbs}`);
        expect(r.timeout_in_seconds).toBe(`\${local.fn_settings["${fn}"].timeout_in_seconds}`);
        for (const n of needs[fn]) expect(String(r.config), `${fn} config`).toContain(n);
        // the tier's NODE_OPTIONS (the code caches are trained under them), after extra_function_config
        expect(String(r.config), `${fn} config`).toMatch(
          new RegExp(`var\\.extra_function_config, local\\.fn_settings\\["${fn}"\\]\\.env,`),
        );
      }
      for (const other of FUNCTIONS.filter((f) => f !== 'gateway')) {
        expect(String(fns.gateway![0]!.config)).toMatch(
          new RegExp(`FN_ID_${other.toUpperCase()}\\s+= oci_functions_function\\.${other}\\.id`),
        );
      }
      for (const k of ['NOSQL_COMPARTMENT_ID', 'TABLE_PREFIX', 'OS_NAMESPACE', 'FILES_BUCKET', 'EXPORTS_BUCKET'])
        expect(code('functions.tf')).toContain(k);
      // every config key the manifest says a deployment sets is set by Terraform
      for (const fn of FUNCTIONS)
        for (const k of FUNCTION_SPECS[fn].config.filter((c) => c.required))
          expect(code('functions.tf'), `${fn}: ${k.name} (deployment/manifest.ts)`).toMatch(
            new RegExp(`\\b${k.name}\\s+=`),
          );
      expect(code('functions.tf')).not.toMatch(/OCI_ENDPOINT|OCI_RESOURCE_PRINCIPAL/);
    },
  );

  it('every var.* is declared and every local.* is defined', () => {
    const all = tfFiles().map(code).join('\n');
    const declared = new Set([...tfText('variables.tf').matchAll(/^variable "([a-z_0-9]+)"/gm)].map((m) => m[1]));
    const used = new Set([...all.matchAll(/\bvar\.([a-z_0-9]+)/g)].map((m) => m[1]));
    expect([...used].filter((v) => !declared.has(v))).toEqual([]);
    const locals = new Set(
      [...all.matchAll(/^locals \{([\s\S]*?)^\}/gm)].flatMap((m) =>
        [...m[1]!.matchAll(/^ {2}([a-z_0-9]+)\s*=/gm)].map((x) => x[1]),
      ),
    );
    const usedLocals = new Set([...all.matchAll(/\blocal\.([a-z_0-9]+)/g)].map((m) => m[1]));
    expect([...usedLocals].filter((l) => !locals.has(l))).toEqual([]);
    const stackKeys = Object.keys(JSON.parse(committed()) as object);
    for (const m of all.matchAll(/\blocal\.stack\.([a-z_]+)/g)) expect(stackKeys).toContain(m[1]);
  });

  it('storage, tables and rules come from the generated data; buckets emit object events', () => {
    expect(code('storage.tf')).toMatch(/for_each\s+= local\.stack\.buckets/);
    expect(code('storage.tf')).toMatch(/object_events_enabled = each\.value\.object_events_enabled/);
    expect(code('storage.tf')).toMatch(/access_type\s+= "NoPublicAccess"/);
    expect(code('nosql.tf')).toMatch(/for_each = local\.nosql_tables/);
    expect(code('versions.tf')).toContain(
      'replace(t.ddl_statement, "EXISTS ${name} (", "EXISTS ${var.table_prefix}${name} (")',
    );
    expect(code('events.tf')).toMatch(/for_each = local\.stack\.event_rules/);
    expect(code('events.tf')).toContain('"@FILES_BUCKET@", var.files_bucket');
    expect(code('events.tf')).toContain('"@EXPORTS_BUCKET@", var.exports_bucket');
    expect(code('events.tf')).toContain('action_type = "FAAS"');
  });

  it(
    'API Gateway validates the JWT (TOKEN_AUTHENTICATION, remote JWKS, iss/aud) and sets identity headers with ' +
      'OVERWRITE',
    () => {
      const gw = code('apigateway.tf');
      expect(gw).toContain('type                        = "TOKEN_AUTHENTICATION"');
      expect(gw).not.toContain('JWT_AUTHENTICATION');
      expect(gw).toMatch(/type\s+= "REMOTE_JWKS"\s+uri\s+= var\.jwt_jwks_uri/);
      expect(gw).toMatch(/issuers\s+= \[var\.jwt_issuer\]/);
      expect(gw).toMatch(/audiences = \[var\.jwt_audience\]/);
      expect(gw).toContain('user_id_expr = "$${request.auth[${var.user_id_claim}]}"');
      expect(gw).toContain('roles_expr   = "$${request.auth[${var.roles_claim}]}"');
      for (const [h, expr] of [
        ['X-User-Id', 'user_id_expr'],
        ['X-User-Roles', 'roles_expr'],
      ]) {
        expect(gw).toMatch(
          new RegExp(`name\\s+= "${h}"\\s+values\\s+= \\[local\\.${expr}\\]\\s+if_exists = "OVERWRITE"`),
        );
      }
      expect(gw).toMatch(/for_each = local\.stack\.routes/);
      expect(gw).toMatch(/type = "AUTHENTICATION_ONLY"/);
      expect(gw).toMatch(
        /type\s+= "ORACLE_FUNCTIONS_BACKEND"\s+function_id = local\.function_ids\[routes\.value\.function\]/,
      );
    },
  );

  it(
    'IAM: rendered from the manifest (one dynamic group per function, per-grantee policies), every template ' +
      'token replaced',
    () => {
      const iam = code('iam.tf');
      expect(iam).toMatch(/for_each\s+= local\.iam_dynamic_groups/);
      expect(iam).toMatch(/for_each\s+= local\.iam_by_grantee/);
      expect(iam).toContain('for id, s in local.stack.iam.statements');
      expect(iam).toContain('replace(d.matching_rule, "@FN_ID_${upper(fn)}@", local.function_ids[fn])');
      // every token the templates use is replaced by iam.tf (the check block catches the rest at plan time)
      const tokens = new Set(
        [...STATEMENTS, ...DYNAMIC_GROUPS.map((d) => ({ text: `${d.name} ${d.matchingRule}` }))].flatMap((s) =>
          [...s.text.matchAll(/@[A-Z_]+@/g)].map((m) => m[0]),
        ),
      );
      for (const t of tokens) {
        if (t.startsWith('@FN_ID_')) continue;
        expect(iam, t).toContain(`"${t}"`);
      }
      // the defects of issue 10 stay fixed: no tenancy-wide
      // function group, no undocumented invoke variable, nothing unused
      expect(JSON.stringify(STATEMENTS)).not.toMatch(
        /target\.function\.id|read buckets|manage all-resources|manage instance-images/,
      );
      expect(iam).not.toContain("resource.compartment.id = '${var.compartment_ocid}'");
      for (const d of DYNAMIC_GROUPS) expect(d.matchingRule).toMatch(/resource\.id = '@FN_ID_[A-Z]+@'/);
      expect(STATEMENTS.find((s) => s.id === 'events-invoke')!.text).toBe(
        'Allow service cloudEvents to use functions-family in @APP@',
      );
      expect(STATEMENTS.find((s) => s.id === 'exports-instances')!.text).toContain('INSTANCE_CREATE_IMAGE');
      expect(STATEMENTS.filter((s) => s.forEach === 'exportBucket').length).toBeGreaterThan(0);
      expect(iam).toContain('distinct(concat([var.exports_bucket], var.extra_export_buckets))');
      expect(code('functions.tf')).toContain('EXPORT_IMAGES_COMPARTMENT_ID = var.compartment_ocid');
      expect(code('functions.tf')).toContain('EXPORT_BUCKETS = join(",", var.extra_export_buckets)');
      const sched = code('schedule.tf');
      expect(sched).toContain('resource "oci_resource_scheduler_schedule" "reconcile"');
      expect(sched).toContain('jsonencode({ task = "reconcileExports" })');
      expect(sched).toContain('id = oci_functions_function.exports.id');
    },
  );

  it(
    "the generated iam data is the manifest's, and Terraform is the one deploy path (no func.yaml); the provider " +
      'is bounded',
    () => {
      const d = (JSON.parse(committed()) as StackData).iam;
      expect(Object.keys(d.dynamic_groups)).toEqual([...FUNCTIONS]);
      expect(Object.keys(d.statements)).toEqual(STATEMENTS.map((s) => s.id));
      for (const s of STATEMENTS)
        expect(d.statements[s.id]).toEqual({
          grantee: s.grantee,
          text: s.text,
          for_each: s.forEach ?? '',
          when: s.when ?? '',
        });
      expect(
        existsSync(join(ROOT, 'func.yaml')),
        'func.yaml is gone: Terraform (infra/oci) is the one deploy path (docs/deploy.md)',
      ).toBe(false);
      expect(code('versions.tf')).toMatch(/version = "~> 7\.\d+"/);
    },
  );

  it(
    'docs/iam.md has the current table function → operations → permission → statement (npx tsx ' +
      'scripts/iam-doc.ts)',
    () => {
      const doc = readFileSync(join(ROOT, IAM_DOC), 'utf8');
      expect(doc, 'docs/iam.md table is stale').toBe(withFreshTable(doc));
      for (const s of STATEMENTS) expect(doc).toContain(`| ${s.id}`);
    },
  );
});
