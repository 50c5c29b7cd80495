import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ociPrunePlugin, pruneClient, reachableModels, type PruneStats } from '#bundle/oci-prune.ts';

const CLIENT = `
class FooClient {
  constructor(params) { this._x = 1; }
  get endpoint() { return this._e; }
  set endpoint(v) { this._e = v; }
  getThing(getThingRequest) { return model.Thing.getJsonObj(getThingRequest); }
  listThings(listThingsRequest) { return model.ThingSummary; }
  listAllThings(request) { return this.listThings(request); }
  listThingsIterator(request) { return paginate(request, this.listThings.bind(this)); }
  deleteThing(deleteThingRequest) { return 1; }
  renameThing(renameThingRequest) { return 2; }
  helper(a, b) { return a + b; }
  close() { return this["deleteThing"]({}); }
}
class FooWaiter {
  constructor(client) { this.client = client; }
  forThing(request, ...targetStates) { return this.client.getThing(request); }
  forGadget(request, ...targetStates) { return model.Gadget; }
}`;

describe('oci-prune: client pruning', () => {
  it('removes operations and waiters the project never names, keeps everything else', () => {
    const { code, removed, kept } = pruneClient(CLIENT, new Set(['getThing', 'forThing']));
    expect(kept).toBe(3); // getThing, forThing, and deleteThing, which close() reaches
    expect(removed).toBe(5); // listThings, listAllThings, listThingsIterator, renameThing, forGadget
    expect(code).toContain('getThing(getThingRequest)');
    expect(code).toContain('forThing(request');
    expect(code).not.toContain('listThings(');
    expect(code).not.toContain('forGadget');
    expect(code).not.toContain('renameThing');
    for (const keep of ['constructor(params)', 'get endpoint()', 'set endpoint(v)', 'helper(a, b)', 'close()'])
      expect(code).toContain(keep);
    // what remains still parses as JavaScript
    expect(() => new Function(code)).not.toThrow();
  });

  it('keeps what a kept operation calls on this or this.client (listAllThings → listThings), to a fixed point', () => {
    const { code, removed, kept } = pruneClient(CLIENT, new Set(['listAllThings']));
    expect(code).toContain('listAllThings(request)');
    expect(code).toContain('listThings(listThingsRequest)');
    expect(kept).toBe(3); // listAllThings, listThings, deleteThing (close)
    expect(removed).toBe(5); // getThing, listThingsIterator, renameThing, forThing, forGadget
    const waiter = pruneClient(CLIENT, new Set(['forThing']));
    expect(waiter.code).toContain('getThing(getThingRequest)'); // the waiter polls through this.client.getThing
    expect(() => new Function(waiter.code)).not.toThrow();
  });

  it('keeps an operation a kept member passes on without calling it (this.listThings.bind)', () => {
    const { code } = pruneClient(CLIENT, new Set(['listThingsIterator']));
    expect(code).toContain('listThingsIterator(request)');
    expect(code).toContain('listThings(listThingsRequest)');
    expect(code).not.toContain('listAllThings');
  });
});

describe('oci-prune: model reachability', () => {
  it('follows model.X references through model files, including subtypes named by a base', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prune-'));
    writeFileSync(join(dir, 'thing.js'), 'x = model.Part.getJsonObj(obj.part); y = model.Source.getJsonObj(s);');
    writeFileSync(join(dir, 'part.js'), '/* leaf */');
    writeFileSync(join(dir, 'source.js'), 'switch (t) { case "image": return model.SourceViaImage.getJsonObj(o); }');
    writeFileSync(join(dir, 'source-via-image.js'), '/* leaf */');
    writeFileSync(join(dir, 'unused.js'), 'model.Part');
    const files = new Map([
      ['Thing', 'thing'],
      ['Part', 'part'],
      ['Source', 'source'],
      ['SourceViaImage', 'source-via-image'],
      ['Unused', 'unused'],
    ]);
    const keep = reachableModels(dir, { files }, ['Thing']);
    expect([...keep].sort()).toEqual(['Part', 'Source', 'SourceViaImage', 'Thing']);
  });
});

describe('oci-prune: the esbuild plugin on a package', () => {
  it('keeps the client operation a kept waiter polls, and the models the waiter names as models.X', async () => {
    const root = mkdtempSync(join(tmpdir(), 'prune-pkg-'));
    try {
      const lib = join(root, 'node_modules', 'oci-fake', 'lib');
      mkdirSync(join(lib, 'model'), { recursive: true });
      mkdirSync(join(root, 'functions'));
      const star = (f: string) => `const ${f[0]!.toUpperCase()}${f.slice(1)} = __importStar(require("./${f}"));`;
      writeFileSync(
        join(lib, 'model', 'index.js'),
        [
          '"use strict";',
          'var __importStar = (this && this.__importStar) || function (mod) { return mod; };',
          'Object.defineProperty(exports, "__esModule", { value: true });',
          ...['thing', 'gadget', 'state'].flatMap((f) => {
            const n = `${f[0]!.toUpperCase()}${f.slice(1)}`;
            return [star(f), `exports.${n} = ${n}.${n};`];
          }),
        ].join('\n'),
      );
      for (const n of ['Thing', 'Gadget', 'State'])
        writeFileSync(join(lib, 'model', `${n.toLowerCase()}.js`), `exports.${n} = { name: "${n}" };`);
      writeFileSync(
        join(lib, 'client.js'),
        [
          'const model = require("./model");',
          'class FakeClient {',
          '  getThing(getThingRequest) { return model.Thing; }',
          '  getGadget(getGadgetRequest) { return model.Gadget; }',
          '}',
          'exports.FakeClient = FakeClient;',
        ].join('\n'),
      );
      writeFileSync(
        join(lib, 'fake-waiter.js'),
        [
          'const models = require("./model");',
          'class FakeWaiter {',
          '  constructor(client) { this.client = client; }',
          '  forThing(request, ...targetStates) { return [this.client.getThing(request), models.State]; }',
          '  forGadget(request, ...targetStates) { return this.client.getGadget(request); }',
          '}',
          'exports.FakeWaiter = FakeWaiter;',
        ].join('\n'),
      );
      // the project names only the waiter, never getThing
      writeFileSync(join(root, 'functions', 'use.ts'), 'new FakeWaiter(new FakeClient()).forThing({});');
      writeFileSync(
        join(root, 'entry.js'),
        'const { FakeClient } = require("oci-fake/lib/client");\n' +
          'const { FakeWaiter } = require("oci-fake/lib/fake-waiter");\n' +
          'module.exports = new FakeWaiter(new FakeClient()).forThing({});\n',
      );
      const stats: PruneStats[] = [];
      const out = await build({
        entryPoints: [join(root, 'entry.js')],
        absWorkingDir: root,
        bundle: true,
        write: false,
        platform: 'node',
        format: 'cjs',
        logLevel: 'silent',
        plugins: [ociPrunePlugin({ root, stats })],
      });
      const code = out.outputFiles[0]!.text;
      expect(code).toContain('getThing(getThingRequest)');
      expect(code).not.toContain('getGadget');
      expect(code).not.toContain('forGadget');
      expect(stats).toEqual([
        { pkg: 'oci-fake', operationsKept: 1, operationsRemoved: 1, modelsKept: 2, modelsTotal: 3 },
      ]);
      const run = new Function('module', 'require', code);
      const mod: { exports: unknown } = { exports: {} };
      run(mod, () => ({}));
      expect(mod.exports).toEqual([{ name: 'Thing' }, { name: 'State' }]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
