/**
 * Everything the bundle tricks (bundle/README.md) and the node:http transport (shared/oci/http-transport.ts)
 * assume of the installed oci-* packages, and what the code cache assumes of Node's V8: one check per
 * assumption. Run it first after an oci-sdk (or Node) upgrade. A failure names the trick and the assumption
 * that broke (each check collects the offending files and names, so one run lists them all).
 * How the tricks behave is tested beside them: build-prune, fn-coldstart, fn-build, oci-sdk-patches,
 * oci-http-transport.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { FETCH_SHIM_ALIASES } from '#bundle/fetch-shims.ts';
import { lazyBarrelFor, parseBarrel } from '#bundle/lazy-barrels.ts';
import { LIGHT_HEADERS_MODULE, withLightHeaders } from '#bundle/light-headers.ts';
import { projectIdentifiers, pruneClient, readModelIndex } from '#bundle/oci-prune.ts';
import { LightHeaders, NodeHttpResponse } from '#shared/oci/http-transport.ts';
import {
  captures,
  clientFiles,
  jsFiles,
  NODE_MODULES,
  OCI_PACKAGES,
  ROOT,
  SERVICE_PACKAGES,
  sdkFile,
  shapeOf,
} from '../helpers/oci-sdk-files.ts';

const requireSdk = createRequire(join(NODE_MODULES, 'oci-common', 'package.json'));

/** Client members that are not operations, and always stay. */
const CLIENT_MEMBERS = new Set([
  'constructor',
  'get endpoint',
  'set endpoint',
  'get logger',
  'set useRealmSpecificEndpointTemplate',
  'set region',
  'set regionId',
  'set enableDualstackEndpoint',
  'createWaiters',
  'getWaiters',
  'shutdownCircuitBreaker',
  'closeProvider',
  'close',
]);

describe('oci-prune (bundle/oci-prune.ts)', () => {
  it('finds each service package where its esbuild filters look: lib/client.js, lib/model/index.js', () => {
    const broken = SERVICE_PACKAGES.filter(
      (p) => !sdkFile(p, 'index.js').includes('require("./lib/client")') || !sdkFile(p, 'lib/model/index.js'),
    ).map((p) => `oci-prune: ${p}/index.js no longer requires ./lib/client, or lib/model/index.js is gone`);
    expect(broken).toEqual([]);
  });

  it('tells every operation from the other members: one parameter named request or *Request', () => {
    const broken: string[] = [];
    for (const p of SERVICE_PACKAGES)
      for (const f of clientFiles(p)) {
        const shape = shapeOf(p, f);
        if (shape.operations.length === 0) broken.push(`oci-prune: ${p}/${f} has no operation it recognises`);
        for (const m of shape.others.filter((o) => !CLIENT_MEMBERS.has(o)))
          broken.push(`oci-prune: ${p}/${f} "${m}" is neither an operation nor a known client member`);
      }
    expect([...new Set(broken)]).toEqual([]);
  });

  it('sees every way a member reaches an operation (this.op, this.client.op, this["op"]), none computed', () => {
    const broken: string[] = [];
    for (const p of SERVICE_PACKAGES) {
      const clientOps = new Set(shapeOf(p, 'lib/client.js').operations);
      for (const f of clientFiles(p)) {
        const source = sdkFile(p, f);
        const shape = shapeOf(p, f);
        for (const m of shape.computed) broken.push(`oci-prune: ${p}/${f} "${m}" indexes this with a computed name`);
        for (const alias of captures(source, /\b(\w+)\s*=\s*this(?:\.client)?\s*[;,)]/g))
          broken.push(`oci-prune: ${p}/${f} aliases this (or this.client) as ${alias}`);
        if (!f.endsWith('-waiter.js')) continue;
        // a waiter polls its package's client: what it reaches on this.client must be operations of client.js
        const polled = captures(source, /\bthis\.client\.(\w+)\(/g).filter((n) => !clientOps.has(n));
        for (const n of polled) broken.push(`oci-prune: ${p}/${f} calls this.client.${n}, not an operation`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('reads the model barrel: only `const X = __importStar(require("./x")); exports.X = X.X;` pairs', () => {
    const broken: string[] = [];
    for (const p of SERVICE_PACKAGES) {
      const source = sdkFile(p, 'lib/model/index.js');
      const parsed = parseBarrel(source);
      const pairs = parsed?.filter((e) => e.exp.kind === 'member' && e.exp.wrap === 'star' && e.exp.member === e.name);
      if (!parsed || pairs!.length !== parsed.length || readModelIndex(source).files.size !== parsed.length)
        broken.push(`oci-prune: ${p}/lib/model/index.js is not only X = __importStar(require("./x")) pairs`);
    }
    expect(broken).toEqual([]);
  });

  it('follows model references: the model barrel is bound only as `model` or `models` (model.X, models.X)', () => {
    const broken: string[] = [];
    const barrel = /(?:const|let|var) (\w+) = (?:__importStar\()?require\("\.{1,2}\/model(?:\/index)?"\)/g;
    for (const p of SERVICE_PACKAGES) {
      const models = jsFiles(p, 'lib/model').filter((f) => f !== 'lib/model/index.js');
      for (const f of [...clientFiles(p), ...models]) {
        const source = sdkFile(p, f);
        const names = captures(source, barrel).filter((n) => n !== 'model' && n !== 'models');
        const requires = source.split(/require\("\.{1,2}\/model(?:\/index)?"\)/).length - 1;
        const bound = [...source.matchAll(barrel)].length;
        if (names.length || requires !== bound)
          broken.push(`oci-prune: ${p}/${f} binds the model barrel otherwise (${names.join(', ') || 'unbound'})`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('misses no operation called from another file: the project uses none of the SDK helpers that do', () => {
    const skip = ['lib/model', 'lib/request', 'lib/response'];
    const helpers = SERVICE_PACKAGES.flatMap((p) =>
      jsFiles(p, 'lib', skip)
        .filter((f) => f !== 'lib/client.js' && !f.endsWith('-waiter.js'))
        .map((f) => `${p}/${f}`),
    );
    const known = (f: string) =>
      /^oci-objectstorage\/lib\/upload-manager\/[\w-]+\.js$/.test(f) ||
      f === 'oci-workrequests/lib/workrequest-helper.js';
    const unknown = helpers
      .filter((f) => !known(f))
      .map((f) => `oci-prune: new SDK helper ${f}; does it call operations?`);
    expect(unknown).toEqual([]);
    const used = projectIdentifiers(ROOT);
    const exported = helpers.flatMap((f) =>
      captures(sdkFile(f.split('/')[0]!, f.slice(f.indexOf('/') + 1)), /exports\.(\w+) =/g),
    );
    const usedHelpers = exported.filter((n) => used.has(n) && n !== 'default');
    expect(usedHelpers, 'oci-prune: the project names an SDK helper that calls client operations').toEqual([]);
    // a waiter the project names must not wait through oci-workrequests (its getWorkRequest would be pruned)
    const crossPackage = SERVICE_PACKAGES.flatMap((p) =>
      clientFiles(p)
        .filter(
          (f) => f.endsWith('-waiter.js') && pruneClient(sdkFile(p, f), used).code.includes('.waitForWorkRequest('),
        )
        .map((f) => `oci-prune: a waiter the project names in ${p}/${f} waits through oci-workrequests`),
    );
    expect(crossPackage).toEqual([]);
  });
});

describe('lazy barrels (bundle/lazy-barrels.ts)', () => {
  it("parses every oci-* package's index.js and lib/request/index.js as a barrel", () => {
    const files = [
      ...OCI_PACKAGES.map((p) => [p, 'index.js'] as const),
      ...SERVICE_PACKAGES.map((p) => [p, 'lib/request/index.js'] as const),
    ];
    const broken = files
      .filter(([p, f]) => parseBarrel(sdkFile(p, f)) === null)
      .map(([p, f]) => `lazy-barrels: ${p}/${f} is no longer a barrel it parses (it would load eagerly)`);
    expect(broken).toEqual([]);
  });

  it('rewrites the real oci-common and oci-objectstorage indexes with the same names and values', () => {
    const file = join(NODE_MODULES, 'oci-common/index.js');
    const src = lazyBarrelFor(file);
    expect(src, 'lazy-barrels: oci-common/index.js no longer verifies').not.toBeNull();
    expect(src).toContain('d("FetchHttpClient"');
    const req = createRequire(file);
    const real = req(file) as Record<string, unknown>;
    const lazy: Record<string, unknown> = {};
    new Function('exports', 'require', src!)(lazy, req);
    expect(Object.keys(lazy).sort()).toEqual(Object.keys(real).sort());
    expect(lazy.Region).toBe(real.Region);
    expect(
      lazyBarrelFor(join(NODE_MODULES, 'oci-objectstorage/index.js')),
      'lazy-barrels: oci-objectstorage',
    ).not.toBeNull();
  });
});

describe('fetch shims (bundle/fetch-shims.ts)', () => {
  const sdkJs = OCI_PACKAGES.flatMap((p) =>
    jsFiles(p, '.', ['lib/model', 'lib/request', 'lib/response']).map((f) => [p, f, sdkFile(p, f)] as const),
  );
  const requiring = (name: string) =>
    sdkJs.filter(([, , s]) => s.includes(`require("${name}")`)).map(([p, f]) => `${p}/${f}`);

  it('oci-common requires isomorphic-fetch for its side effect only, in lib/http.js', () => {
    expect(requiring('isomorphic-fetch'), 'fetch shims: who requires isomorphic-fetch').toEqual([
      'oci-common/lib/http.js',
    ]);
    expect(sdkFile('oci-common', 'lib/http.js'), 'fetch shims: isomorphic-fetch is bound').toMatch(
      /^require\("isomorphic-fetch"\);$/m,
    );
  });

  it('oci-common requires node-fetch only in the metadata client, and calls only its default export', () => {
    const file = 'lib/auth/url-based-x509-certificate-supplier.js';
    expect(requiring('node-fetch'), 'fetch shims: who requires node-fetch').toEqual([`oci-common/${file}`]);
    const source = sdkFile('oci-common', file);
    expect(source).toContain('const node_fetch_1 = __importDefault(require("node-fetch"));');
    expect(captures(source, /node_fetch_1\.(\w+)/g), 'fetch shims: node-fetch members oci-common uses').toEqual([
      'default',
    ]);
  });

  it('each aliased package is still installed where its user looks, and the shims offer all it exports', () => {
    const users: Record<string, string> = {
      'isomorphic-fetch': join(NODE_MODULES, 'oci-common', 'package.json'),
      'node-fetch': join(NODE_MODULES, 'oci-common', 'package.json'),
      '@whatwg-node/fetch': createRequire(join(ROOT, 'package.json')).resolve('graphql-yoga'),
    };
    expect(Object.keys(FETCH_SHIM_ALIASES).sort()).toEqual(Object.keys(users).sort());
    const req = (user: string) => createRequire(user);
    for (const [name, user] of Object.entries(users))
      expect(() => req(user).resolve(name), `fetch shims: ${name} no longer installed`).not.toThrow();
    const real = req(users['@whatwg-node/fetch']!)('@whatwg-node/fetch') as object;
    const shim = req(FETCH_SHIM_ALIASES['@whatwg-node/fetch']!)(FETCH_SHIM_ALIASES['@whatwg-node/fetch']!) as object;
    const missing = Object.keys(real).filter((k) => !(k in shim));
    expect(missing, 'fetch shims: exports of @whatwg-node/fetch the shim lacks').toEqual([]);
  });
});

describe('sdk-patches (bundle/sdk-patches.ts)', () => {
  const utils = requireSdk('./lib/utils') as { isEmpty: (o: unknown) => boolean };
  const helper = requireSdk('./lib/helper') as {
    getSignerAndReqBody: (body: unknown, exclude?: boolean) => { signerBody?: unknown; requestBody?: unknown };
  };

  it("patches oci-common's `utils` export: lib/utils' exports object, isEmpty a writable Object.keys check", () => {
    expect(requireSdk('oci-common').utils, 'sdk-patches: oci-common `utils` is lib/utils').toBe(utils);
    const d = Object.getOwnPropertyDescriptor(utils, 'isEmpty');
    expect(d?.writable && typeof d.value === 'function', 'sdk-patches: utils.isEmpty is a writable function').toBe(
      true,
    );
    // the patch answers a string by its length: the same only while isEmpty counts Object.keys
    const answers = ['', 'ab', {}, { a: 1 }, [], [1], new Map([[1, 2]])].map((o) => utils.isEmpty(o));
    expect(answers.join(), 'sdk-patches: isEmpty is no longer Object.keys(obj).length === 0').toBe(
      'true,false,true,false,true,false,true',
    );
  });

  it('lib/helper.js reads utils.isEmpty at call time (utils_1.isEmpty) in getSignerAndReqBody', () => {
    const original = utils.isEmpty;
    const seen: unknown[] = [];
    utils.isEmpty = (o) => (seen.push(o), original(o));
    try {
      helper.getSignerAndReqBody('{"a":1}');
    } finally {
      utils.isEmpty = original;
    }
    expect(seen, 'sdk-patches: getSignerAndReqBody no longer goes through utils.isEmpty').toEqual(['{"a":1}']);
  });
});

describe('node:http transport (shared/oci/http-transport.ts) and LightHeaders (bundle/light-headers.ts)', () => {
  it('generated clients send through params.httpClient when given one, and build no signer without a provider', () => {
    const broken: string[] = [];
    for (const p of SERVICE_PACKAGES) {
      const source = sdkFile(p, 'lib/client.js');
      const classes = source.match(/^class \w+ \{$/gm)?.length ?? 0;
      const count = (re: RegExp) => source.match(re)?.length ?? 0;
      if (count(/this\._httpClient =\s+params\.httpClient \|\|/g) !== classes)
        broken.push(`http-transport: ${p} clients no longer take params.httpClient`);
      if (count(/params\.authenticationDetailsProvider\s+\? new common\.DefaultRequestSigner\(/g) !== classes)
        broken.push(`http-transport: ${p} clients build a signer without a provider`);
      if (count(/makeServiceCall\(/g) !== count(/makeServiceCall\(this\._httpClient, request,/g))
        broken.push(`http-transport: ${p} calls makeServiceCall with another client`);
    }
    expect(broken).toEqual([]);
  });

  it('the SDK calls send(request, forceExcludeBody, ...) and signs as the transport does', () => {
    expect(sdkFile('oci-common', 'lib/retrier.js'), 'http-transport: the retrier send()').toContain(
      'httpClient.send(request, excludeBody,',
    );
    const http = sdkFile('oci-common', 'lib/http.js').replace(/\s+/g, ' ');
    expect(http, 'http-transport: FetchHttpClient.send').toContain(
      'const body = helper_1.getSignerAndReqBody(req.body, forceExcludeBody); // Sign Request if (this.signer) { ' +
        'yield this.signer.signHttpRequest({ method: req.method, headers: req.headers, uri: req.uri, ' +
        'body: body.signerBody }, forceExcludeBody); }',
    );
  });

  it('getSignerAndReqBody keeps the body rules the transport copies', () => {
    const split = (requireSdk('./lib/helper') as { getSignerAndReqBody: (b: unknown, x?: boolean) => object })
      .getSignerAndReqBody;
    const none = { signerBody: undefined, requestBody: undefined };
    expect(split(''), 'http-transport: empty string').toEqual(none);
    expect(split({}), 'http-transport: empty object').toEqual(none);
    expect(split('x'), 'http-transport: a string').toEqual({ signerBody: 'x', requestBody: 'x' });
    expect(split('x', true), 'http-transport: excluded').toEqual({ signerBody: undefined, requestBody: 'x' });
    const stream = Readable.from(['x']);
    const both = split(stream) as { signerBody: unknown; requestBody: unknown };
    expect([both.signerBody, both.requestBody].every((b) => b instanceof PassThrough && b !== stream)).toBe(true);
    expect(() => split(Buffer.from('x')), 'http-transport: other bodies').toThrow('Unable to read body content');
  });

  it('the SDK reads only response members NodeHttpResponse has, and clones one only in its circuit breaker', () => {
    const files = [
      ...['helper', 'retrier', 'response-generator', 'http'].map((f) => ['oci-common', `lib/${f}.js`] as const),
      ...SERVICE_PACKAGES.map((p) => [p, 'lib/client.js'] as const),
    ];
    const read = new Set(files.flatMap(([p, f]) => captures(sdkFile(p, f), /\bresponse\.(\w+)/g)));
    const res = new NodeHttpResponse(
      Object.assign(Readable.from([]), { statusCode: 200, statusMessage: 'OK', rawHeaders: [] }) as never,
      'http://x',
    );
    // `code` is read on the circuit breaker's rejection (EOPENBREAKER), never on a response
    const lacking = [...read].filter((m) => m !== 'code' && !(m in res));
    expect(lacking, 'http-transport: response members the SDK reads and NodeHttpResponse lacks').toEqual([]);
    const headerCalls = files.flatMap(([p, f]) => captures(sdkFile(p, f), /\bresponse\.headers\.(\w+)\(/g));
    expect(
      headerCalls.filter((m) => !(m in res.headers)),
      'http-transport: response header methods',
    ).toEqual([]);
    const clones = OCI_PACKAGES.flatMap((p) =>
      jsFiles(p, 'lib', ['lib/model']).filter((f) => /\.clone\(\)/.test(sdkFile(p, f))),
    );
    expect(clones, 'http-transport: who clones a response').toEqual(['lib/circuit-breaker.js']);
  });

  it('oci-common calls only request-header methods LightHeaders has, on one `new Headers()`', () => {
    const common = jsFiles('oci-common', 'lib').map((f) => sdkFile('oci-common', f));
    const calls = [...new Set(common.flatMap((s) => captures(s, /\bheaders\.(\w+)\(/g)))];
    const light = new LightHeaders();
    expect(
      calls.filter((m) => !(m in light)),
      'LightHeaders: header methods oci-common calls',
    ).toEqual([]);
    const file = 'lib/request-generator.js';
    expect(withLightHeaders(sdkFile('oci-common', file), file)).toContain(
      `require(${JSON.stringify(LIGHT_HEADERS_MODULE)})`,
    );
  });
});

describe('code cache (bundle/code-cache.ts, bundle/code-cache-file.ts) on this Node', () => {
  const dir = mkdtempSync(join(tmpdir(), 'v8cache-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const probe = join(dir, 'probe.cjs');
  writeFileSync(
    probe,
    `const { Script } = require('node:vm');
const fs = require('node:fs');
const [mode, file, source] = process.argv.slice(2);
const s = new Script(source, mode === 'make' ? {} : { cachedData: fs.readFileSync(file) });
if (mode === 'make') { s.runInThisContext(); fs.writeFileSync(file, s.createCachedData()); }
process.stdout.write(JSON.stringify({ rejected: s.cachedDataRejected ?? null, execArgv: process.execArgv }));`,
  );
  const SOURCE = 'function f(a) { return a + 1; } f(1);';
  const run = (flags: string[], args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [...flags, probe, ...args], {
      env: { PATH: process.env.PATH, ...env },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as { rejected: boolean | null; execArgv: string[] };
  };
  const made = (name: string, flags: string[] = []) => {
    const file = join(dir, name);
    run(flags, ['make', file, SOURCE]);
    return file;
  };

  it('V8 checks a cache against the source only by its length: the key trailer is what catches a rebuild', () => {
    const cache = made('length.cache');
    expect(run([], ['check', cache, SOURCE]).rejected).toBe(false);
    const sameLength = SOURCE.replace('a + 1', 'a - 1');
    expect(run([], ['check', cache, sameLength]).rejected, 'code cache: V8 now checks more than the length').toBe(
      false,
    );
    expect(run([], ['check', cache, `${SOURCE} `]).rejected).toBe(true);
  });

  it('V8 rejects a cache made under other V8 flags: one cache per flag set, CODE_CACHE_NODE_OPTIONS', () => {
    const cache = made('flags.cache');
    expect(run(['--no-opt'], ['check', cache, SOURCE]).rejected, 'code cache: V8 ignores flags now').toBe(true);
  });

  it('process.execArgv holds the command line flags, not NODE_OPTIONS (cacheFileFor keys on it)', () => {
    const cache = made('argv.cache');
    const flag = '--max-old-space-size=200';
    expect(run([flag], ['check', cache, SOURCE]).execArgv).toEqual([flag]);
    expect(run([], ['check', cache, SOURCE], { NODE_OPTIONS: flag }).execArgv).toEqual([]);
  });
});
