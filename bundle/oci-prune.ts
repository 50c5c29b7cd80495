/**
 * esbuild plugin: prune the generated oci-sdk service packages down to what the project calls.
 *
 * Why: each `oci-<service>` package's `lib/client.js` holds every operation of the service and its
 * `lib/model/index.js` requires every model (oci-core: ~500 operations, ~1,500 models, 2 MB of
 * client and 10 MB of models). CommonJS defeats esbuild's tree shaking, so a function that calls
 * five Compute operations used to carry all of them (the resources bundle was 5 MB).
 *
 * How, at bundle time only (the packages on disk are untouched, and the SDK code that remains is
 * byte-for-byte the SDK's):
 * - client.js and the *-waiter.js files: operation methods (one parameter named `*Request` or
 *   `request`) and waiters (`forX(request, ...states)`) whose name does not occur as an identifier
 *   anywhere in the project's own source are removed, unless a kept member reaches them on `this`
 *   (`this.listThings(req)` in `listAllThings`) or `this.client` (a waiter); constructors, accessors
 *   and every other member stay.
 * - model/index.js: only the models reachable from the kept client code (and the waiters) are
 *   exported, following `model.X` references through each model file, which also covers the
 *   polymorphic `getJsonObj` dispatch (a base model names its subtypes).
 * The check is conservative: a name used anywhere in our code keeps its operation. A call through a
 * computed name built at run time would not be seen; the project makes none (see ARCHITECTURE.md).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Plugin } from 'esbuild';
import ts from 'typescript';

/** Where the code bundled into the functions lives (bundle/ holds the run-time SDK patch). */
const SOURCE_DIRS = ['functions', 'shared', 'bundle'];
const IDENT = /[A-Za-z_$][\w$]*/g;

/** Every identifier in the project code the bundles are made of (the names that keep an operation). */
export function projectIdentifiers(root: string): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|js|cjs|mjs|graphql)$/.test(e))
        for (const m of readFileSync(p, 'utf8').match(IDENT) ?? []) names.add(m);
    }
  };
  for (const d of SOURCE_DIRS) walk(join(root, d));
  return names;
}

/** How the generated code names a model through the model barrel: `model.X` (clients, models), `models.X` (waiters). */
export const MODEL_REF = /\bmodels?\.([A-Z][\w$]*)/g;

export function modelRefs(text: string): string[] {
  return [...text.matchAll(MODEL_REF)].map((m) => m[1]!);
}

/** A client operation (one `*Request`/`request` parameter) or a waiter (`forX(request, ...states)`). */
function isOperation(member: ts.ClassElement): member is ts.MethodDeclaration {
  if (!ts.isMethodDeclaration(member) || member.parameters.length < 1) return false;
  const p = member.parameters[0]!.name;
  if (!ts.isIdentifier(p) || !(p.text === 'request' || p.text.endsWith('Request'))) return false;
  return member.parameters.length === 1 || /^for[A-Z]/.test(member.name.getText());
}

/** `this` or `this.client` (a waiter's client). */
function isThisOrClient(node: ts.Expression): boolean {
  if (node.kind === ts.SyntaxKind.ThisKeyword) return true;
  return (
    ts.isPropertyAccessExpression(node) &&
    node.expression.kind === ts.SyntaxKind.ThisKeyword &&
    node.name.text === 'client'
  );
}

/**
 * The members a class member reaches on `this` or `this.client`: called (`this.listThings(req)`), passed on
 * (`this.listThings.bind(this)`) or by a literal name (`this["listThings"]`). `computed` counts
 * `this[expr]` with a name made at run time, which no static pass can follow.
 */
function referencesOf(member: ts.ClassElement): { names: Set<string>; computed: number } {
  const names = new Set<string>();
  let computed = 0;
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAccessExpression(node) && isThisOrClient(node.expression)) names.add(node.name.text);
    else if (ts.isElementAccessExpression(node) && isThisOrClient(node.expression)) {
      const arg = node.argumentExpression;
      if (ts.isStringLiteralLike(arg)) names.add(arg.text);
      else computed++;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(member, visit);
  return { names, computed };
}

/** What oci-prune sees of a generated client or waiter file (the upgrade test states its assumptions on it). */
export interface ClientShape {
  /** Operation and waiter method names, in source order. */
  operations: string[];
  /** Every other member (constructor, accessors, createWaiters, close, ...), which always stays. */
  others: string[];
  /** Per member name, the names it reaches on `this` / `this.client`. */
  references: Map<string, Set<string>>;
  /** Members that index `this` with a computed name. */
  computed: string[];
}

function memberName(m: ts.ClassElement, sf: ts.SourceFile): string {
  if (ts.isConstructorDeclaration(m)) return 'constructor';
  const kind = ts.isGetAccessor(m) ? 'get ' : ts.isSetAccessor(m) ? 'set ' : '';
  return `${kind}${m.name?.getText(sf) ?? `<${ts.SyntaxKind[m.kind]}>`}`;
}

function classMembers(sf: ts.SourceFile): ts.ClassElement[] {
  const out: ts.ClassElement[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isClassDeclaration(node)) out.push(...node.members);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** The shape of a generated client (or waiter) source, as {@link pruneClient} reads it. */
export function clientShape(source: string): ClientShape {
  const sf = ts.createSourceFile('client.js', source, ts.ScriptTarget.ES2020, true, ts.ScriptKind.JS);
  const shape: ClientShape = { operations: [], others: [], references: new Map(), computed: [] };
  for (const m of classMembers(sf)) {
    const name = memberName(m, sf);
    (isOperation(m) ? shape.operations : shape.others).push(name);
    const refs = referencesOf(m);
    shape.references.set(name, new Set([...(shape.references.get(name) ?? []), ...refs.names]));
    if (refs.computed > 0) shape.computed.push(name);
  }
  return shape;
}

/**
 * The client source with unused operations cut out, and how many were removed. An operation is kept when
 * our code names it, or when a kept member reaches it: a kept operation (`this.listThings(...)` from
 * `listAllThings`, a waiter's `this.client.getThing(...)`) or a member that always stays (constructor,
 * accessors, helpers), to a fixed point.
 */
export function pruneClient(
  source: string,
  used: Set<string>,
): { code: string; removed: number; kept: number; reached: Set<string> } {
  const sf = ts.createSourceFile('client.js', source, ts.ScriptTarget.ES2020, true, ts.ScriptKind.JS);
  const members = classMembers(sf);
  const operations = members.filter(isOperation);
  const keep = new Set(used);
  for (const m of members) if (!isOperation(m)) for (const r of referencesOf(m).names) keep.add(r);
  for (let grew = true; grew; ) {
    grew = false;
    for (const m of operations) {
      if (!keep.has(m.name.getText(sf))) continue;
      for (const callee of referencesOf(m).names) {
        if (!keep.has(callee)) {
          keep.add(callee);
          grew = true;
        }
      }
    }
  }
  const cuts: [number, number][] = [];
  let kept = 0;
  for (const m of operations) {
    if (keep.has(m.name.getText(sf))) kept++;
    else cuts.push([m.getFullStart(), m.getEnd()]);
  }
  cuts.sort((x, y) => x[0] - y[0]);
  let code = '';
  let at = 0;
  for (const [s, e] of cuts) {
    code += source.slice(at, s);
    at = e;
  }
  code += source.slice(at);
  return { code, removed: cuts.length, kept, reached: keep };
}

export interface ModelIndex {
  files: Map<string, string>;
}

/** Parse `const X = __importStar(require("./x")); exports.X = X.X;` pairs out of model/index.js. */
export function readModelIndex(source: string): ModelIndex {
  const files = new Map<string, string>();
  for (const m of source.matchAll(/const (\w+) = __importStar\(require\("\.\/([\w.-]+)"\)\);/g))
    files.set(m[1]!, m[2]!);
  return { files };
}

export function reachableModels(modelDir: string, index: ModelIndex, roots: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length) {
    const name = queue.pop()!;
    if (seen.has(name) || !index.files.has(name)) continue;
    seen.add(name);
    const text = readFileSync(join(modelDir, `${index.files.get(name)}.js`), 'utf8');
    for (const r of modelRefs(text)) if (!seen.has(r)) queue.push(r);
  }
  return seen;
}

/**
 * The pruned model index, with each model behind a getter that requires it on first access (as
 * lazy-barrels.ts does for the other barrels), so a call pays only for the models it touches.
 */
function prunedModelIndex(keep: Set<string>, files: Map<string, string>): string {
  let out = '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\n';
  for (const name of [...keep].sort()) {
    const get = `function () { return require("./${files.get(name)}").${name}; }`;
    out += `Object.defineProperty(exports, ${JSON.stringify(name)}, { enumerable: true, get: ${get} });\n`;
  }
  return out;
}

export interface PruneStats {
  pkg: string;
  operationsKept: number;
  operationsRemoved: number;
  modelsKept: number;
  modelsTotal: number;
}

/** The esbuild plugin. `stats` collects what was pruned per package (for the build report). */
export function ociPrunePlugin(options: { root: string; stats?: PruneStats[] }): Plugin {
  let used: Set<string> | undefined;
  const perPackage = new Map<
    string,
    { client: string; waiters: Map<string, string>; models: Set<string>; stat: PruneStats }
  >();

  const analyse = (libDir: string) => {
    let entry = perPackage.get(libDir);
    if (entry) return entry;
    used ??= projectIdentifiers(options.root);
    // waiters first: the client operations a kept waiter polls (`this.client.getThing`) stay in the client
    const waiters = new Map<string, string>();
    const reached = new Set(used);
    for (const f of readdirSync(libDir)) {
      if (!f.endsWith('-waiter.js')) continue;
      const waiter = pruneClient(readFileSync(join(libDir, f), 'utf8'), used);
      waiters.set(f, waiter.code);
      for (const r of waiter.reached) reached.add(r);
    }
    const pruned = pruneClient(readFileSync(join(libDir, 'client.js'), 'utf8'), reached);
    const index = readModelIndex(readFileSync(join(libDir, 'model', 'index.js'), 'utf8'));
    const roots = new Set(modelRefs(pruned.code));
    for (const code of waiters.values()) for (const r of modelRefs(code)) roots.add(r);
    const models = reachableModels(join(libDir, 'model'), index, roots);
    const pkg = libDir
      .split('node_modules/')
      .pop()!
      .replace(/\/lib$/, '');
    const stat: PruneStats = {
      pkg,
      operationsKept: pruned.kept,
      operationsRemoved: pruned.removed,
      modelsKept: models.size,
      modelsTotal: index.files.size,
    };
    options.stats?.push(stat);
    entry = { client: pruned.code, waiters, models, stat };
    perPackage.set(libDir, entry);
    return entry;
  };

  return {
    name: 'oci-prune',
    setup(build) {
      build.onLoad({ filter: /[\\/]node_modules[\\/]oci-[\w-]+[\\/]lib[\\/]client\.js$/ }, (args) => {
        if (/[\\/]oci-common[\\/]/.test(args.path)) return undefined;
        const { client } = analyse(dirname(args.path));
        return { contents: client, loader: 'js', resolveDir: dirname(args.path) };
      });
      build.onLoad({ filter: /[\\/]node_modules[\\/]oci-[\w-]+[\\/]lib[\\/][\w-]+-waiter\.js$/ }, (args) => {
        if (/[\\/]oci-common[\\/]/.test(args.path)) return undefined;
        const code = analyse(dirname(args.path)).waiters.get(basename(args.path));
        return code === undefined ? undefined : { contents: code, loader: 'js', resolveDir: dirname(args.path) };
      });
      build.onLoad({ filter: /[\\/]node_modules[\\/]oci-[\w-]+[\\/]lib[\\/]model[\\/]index\.js$/ }, (args) => {
        if (/[\\/]oci-common[\\/]/.test(args.path)) return undefined;
        const modelDir = dirname(args.path);
        const libDir = dirname(modelDir);
        const { models } = analyse(libDir);
        const index = readModelIndex(readFileSync(args.path, 'utf8'));
        if (index.files.size === 0) return undefined; // not the generated shape: leave it alone
        return { contents: prunedModelIndex(models, index.files), loader: 'js', resolveDir: modelDir };
      });
    },
  };
}
