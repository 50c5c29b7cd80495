import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pruneClient, reachableModels } from '#bundle/oci-prune.ts';

const CLIENT = `
class FooClient {
  constructor(params) { this._x = 1; }
  get endpoint() { return this._e; }
  set endpoint(v) { this._e = v; }
  getThing(getThingRequest) { return model.Thing.getJsonObj(getThingRequest); }
  listThings(listThingsRequest) { return model.ThingSummary; }
  listAllThings(request) { return this.listThings(request); }
  helper(a, b) { return a + b; }
}
class FooWaiter {
  constructor(client) { this.client = client; }
  forThing(request, ...targetStates) { return this.client.getThing(request); }
  forGadget(request, ...targetStates) { return model.Gadget; }
}`;

describe('oci-prune: client pruning', () => {
  it('removes operations and waiters the project never names, keeps everything else', () => {
    const { code, removed, kept } = pruneClient(CLIENT, new Set(['getThing', 'forThing']));
    expect(kept).toBe(2);
    expect(removed).toBe(3); // listThings, listAllThings, forGadget
    expect(code).toContain('getThing(getThingRequest)');
    expect(code).toContain('forThing(request');
    expect(code).not.toContain('listThings(');
    expect(code).not.toContain('forGadget');
    for (const keep of ['constructor(params)', 'get endpoint()', 'set endpoint(v)', 'helper(a, b)'])
      expect(code).toContain(keep);
    // what remains still parses as JavaScript
    expect(() => new Function(code)).not.toThrow();
  });

  it('keeps what a kept operation calls on this or this.client (listAllThings → listThings), to a fixed point', () => {
    const { code, removed, kept } = pruneClient(CLIENT, new Set(['listAllThings']));
    expect(code).toContain('listAllThings(request)');
    expect(code).toContain('listThings(listThingsRequest)');
    expect(kept).toBe(2);
    expect(removed).toBe(3); // getThing, forThing, forGadget
    const waiter = pruneClient(CLIENT, new Set(['forThing']));
    expect(waiter.code).toContain('getThing(getThingRequest)'); // the waiter polls through this.client.getThing
    expect(() => new Function(waiter.code)).not.toThrow();
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
