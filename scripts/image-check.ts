/**
 * `npm run image:check`: builds the function image from ./Dockerfile with buildah and runs it under
 * the Fn contract (docs/image.md). Needs root and Debian's buildah (`apt-get install -y buildah`);
 * no image registry and no Docker engine.
 *
 * 1. Stand-in base: no registry is reachable, so the base the Dockerfile names (ARG NODE_IMAGE) is
 *    made here from this machine's Node (node_modules/node/bin/node, the project's Node) plus the
 *    libraries `ldd` lists, /bin/sh, env and npm, committed under that tag.
 * 2. Build: `buildah build --isolation chroot` (vfs storage in a temp dir, --pull=never), the proxy
 *    CA (NODE_EXTRA_CA_CERTS) passed as the build secret `npm_ca`.
 * 3. Inspect: user, CMD, no NODE_EXTRA_CA_CERTS in the config, no file holding the proxy CA, and
 *    /function holds exactly the bundles, their maps and the image's code caches (none of the local
 *    runner's per-flag caches).
 * 4. Run: the whole local stack (`startStack`, as `npm start`) with every function container started
 *    from the image by `buildah run --isolation chroot` (its CMD, user, env), the FDK socket dir and
 *    the resource principal files bind-mounted at the paths the runner gave. Through the API Gateway
 *    front: the gateway answers `{ me { userId } }`, and `{ compartments }` goes gateway → emulator
 *    invoke → resources (from the image) → the emulator's Identity API. The entry accepted the
 *    image's code cache in both containers.
 * 5. A crash in the image (resources without NOSQL_COMPARTMENT_ID) prints a stack trace naming the
 *    TypeScript sources.
 * Prints one line per check and `image-check: N passed, M failed`; exits 1 on any failure.
 *
 * The parts: scripts/image-check/ (report, buildah, the stand-in base, reading the image's files).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStack, type Stack } from '#local/stack/stack.ts';
import type { ContainerLauncher } from '#local/runner/index.ts';
import { createLogger } from '#shared/log.ts';
import { FUNCTIONS } from '#deployment/manifest.ts';
import { dockerfileBase, makeStandInBase } from './image-check/base.ts';
import { Buildah, preflight } from './image-check/buildah.ts';
import {
  chownTree,
  extraCertificates,
  filesHolding,
  filesUnder,
  type ImageConfig,
  processTree,
  userIds,
} from './image-check/files.ts';
import { CheckFailed, check, must, results, say } from './image-check/report.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const IMAGE = 'localhost/oci-graphql-functions:image-check';
/** The build downloads the npm packages: generous, but CI must not wait for a hung network forever. */
const BUILD_TIMEOUT_MS = 15 * 60_000;
/** One GraphQL call through the front, container start included. */
const CALL_TIMEOUT_MS = 120_000;

async function main(): Promise<void> {
  preflight();
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  };
  const nodeVersion = pkg.devDependencies.node!;
  const nodeBinary = join(ROOT, 'node_modules/node/bin/node');
  const v = spawnSync(nodeBinary, ['--version'], { encoding: 'utf8' });
  must(
    "the project's Node is installed (node_modules/node/bin/node)",
    v.stdout?.trim() === `v${nodeVersion}`,
    `${v.stdout?.trim() || v.error?.message || 'missing'}, package.json wants ${nodeVersion}`,
  );

  const work = mkdtempSync(join(tmpdir(), 'image-check-'));
  const b = new Buildah(work);
  let stack: Stack | undefined;
  const started = Date.now();
  try {
    // 1. the stand-in base, under the tag the Dockerfile names
    const base = dockerfileBase(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
    let t = Date.now();
    makeStandInBase(b, base.qualified, nodeBinary, nodeVersion);
    check(
      "stand-in base image: a minimal Debian (mmdebstrap) with this machine's Node",
      true,
      `${base.qualified} (${((Date.now() - t) / 1000).toFixed(1)} s)`,
    );

    // 2. the build, unchanged Dockerfile, the proxy CA as a build secret
    const ca = process.env.NODE_EXTRA_CA_CERTS;
    const secret = ca && existsSync(ca) ? ['--secret', `id=npm_ca,src=${ca}`] : [];
    const buildLog = join(work, 'build.log');
    t = Date.now();
    await b.stream(
      ['build', '--isolation', 'chroot', '--pull=never', ...secret, '-t', IMAGE, '-f', join(ROOT, 'Dockerfile'), ROOT],
      buildLog,
      BUILD_TIMEOUT_MS,
    );
    const buildSeconds = (Date.now() - t) / 1000;
    check(
      'buildah build --isolation chroot of ./Dockerfile',
      true,
      `${buildSeconds.toFixed(0)} ` +
        `s${secret.length ? ', proxy CA as build secret npm_ca' : ', no NODE_EXTRA_CA_CERTS on this machine'}`,
    );

    // 3. what is in the image
    const inspected = JSON.parse(b.run(['inspect', '--type', 'image', IMAGE])) as { OCIv1: { config: ImageConfig } };
    const config = inspected.OCIv1.config;
    const cmd = [...(config.Entrypoint ?? []), ...(config.Cmd ?? [])];
    must(
      'image config: CMD node dist/functions/entry.cjs in /function as user node',
      JSON.stringify(cmd) === '["node","dist/functions/entry.cjs"]' &&
        config.WorkingDir === '/function' &&
        config.User === 'node',
      `CMD ${JSON.stringify(cmd)}, WorkingDir ${config.WorkingDir}, User ${config.User}`,
    );
    const leakedEnv = (config.Env ?? []).filter((e) =>
      /^NODE_EXTRA_CA_CERTS=|^(SSL_CERT_FILE|NPM_CONFIG_CAFILE|npm_config_cafile)=/i.test(e),
    );
    check(
      'image config holds no CA setting (NODE_EXTRA_CA_CERTS, SSL_CERT_FILE, npm cafile)',
      leakedEnv.length === 0,
      leakedEnv.join(' ') || `env: ${(config.Env ?? []).join(' ')}`,
    );

    const ctr = b.run(['from', '--pull=never', '--name', `image-check-${randomBytes(3).toString('hex')}`, IMAGE]);
    const rootfs = b.run(['mount', ctr]);
    const workdir = join(rootfs, config.WorkingDir ?? '/');
    const shipped = filesUnder(workdir)
      .map((f) => relative(workdir, f))
      .sort();
    const expected = [
      'dist/functions/entry.cjs',
      ...FUNCTIONS.flatMap((fn) => [
        `dist/functions/${fn}.cjs`,
        `dist/functions/${fn}.cjs.map`,
        `dist/functions/${fn}.cache`,
      ]),
    ].sort();
    const bytes = (re: RegExp) =>
      shipped.filter((f) => re.test(f)).reduce((s, f) => s + statSync(join(workdir, f)).size, 0);
    const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
    check(
      "/function holds the bundles, their source maps and the image's code caches, nothing else (no runner per-flag " +
        'caches, no node_modules)',
      JSON.stringify(shipped) === JSON.stringify(expected),
      JSON.stringify(shipped) === JSON.stringify(expected)
        ? `bundles ${mb(bytes(/\.cjs$/))}, maps ${mb(bytes(/\.map$/))}, code caches ${mb(bytes(/\.cache$/))}`
        : `unexpected: ${shipped.filter((f) => !expected.includes(f)).join(', ') || '-'}; missing: ` +
            `${expected.filter((f) => !shipped.includes(f)).join(', ') || '-'}`,
    );
    if (ca && existsSync(ca)) {
      const certs = extraCertificates(ca);
      const hits = filesHolding(rootfs, certs);
      check(
        'no file in the image holds the proxy CA',
        hits.length === 0,
        hits.length
          ? hits.join(', ')
          : `${certs.length} certificate(s) of NODE_EXTRA_CA_CERTS that Node does not ship, searched in every file`,
      );
    } else {
      check(
        'no file in the image holds the proxy CA',
        true,
        'NODE_EXTRA_CA_CERTS is not set here: nothing to look for',
      );
    }
    check('no /run/secrets in the image', !existsSync(join(rootfs, 'run/secrets/npm_ca')), '');

    // 4. the stack, with every function container run from the image
    const user = userIds(rootfs, config.User ?? 'root');
    const runLog: string[] = [];
    const launch: ContainerLauncher = ({ env, socketDir, homeDir }) => {
      // the agent gives the container's user its socket dir; the runner made both dirs 0700 for root
      chownTree(socketDir, user.uid, user.gid);
      chownTree(homeDir, user.uid, user.gid);
      const envArgs = Object.entries(env)
        .filter(([k]) => k !== 'PATH')
        .flatMap(([k, val]) => ['--env', `${k}=${val}`]);
      return {
        command: 'buildah',
        args: [
          ...b.global,
          'run',
          '--isolation',
          'chroot',
          '--volume',
          `${socketDir}:${socketDir}`,
          '--volume',
          `${homeDir}:${homeDir}`,
          ...envArgs,
          ctr,
          '--',
          ...cmd,
        ],
        env: b.env,
      };
    };
    t = Date.now();
    stack = await startStack({
      stateDir: join(work, 'state'),
      port: 0,
      emulatorPort: 0,
      distDir: join(workdir, 'dist/functions'),
      functionEnv: { LOG_LEVEL: 'debug' },
      initTimeoutMs: 60_000,
      launch,
      runnerLog: (line) => void runLog.push(line),
      log: createLogger({ level: 'warn', base: { component: 'image-check' } }),
    });
    const gql = async (query: string, sub: string) => {
      const token = await stack!.mintToken({ sub, roles: ['viewer'] });
      const res = await fetch(stack!.urls.graphql, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      });
      const text = await res.text();
      try {
        return {
          status: res.status,
          body: JSON.parse(text) as { data?: Record<string, unknown>; errors?: { message: string }[] },
        };
      } catch {
        return { status: res.status, body: { errors: [{ message: `not JSON: ${text.slice(0, 200)}` }] } };
      }
    };
    const sub = `image-check-${randomBytes(4).toString('hex')}`;
    const me = await gql('{ me { userId roles } }', sub);
    const meData = me.body.data?.me as { userId?: string; roles?: string[] } | undefined;
    check(
      'gateway from the image answers { me } through the API Gateway front',
      me.status === 200 && meData?.userId === sub && !me.body.errors,
      `${me.status} ${JSON.stringify(me.body).slice(0, 200)} (first call, cold start included: ` +
        `${((Date.now() - t) / 1000).toFixed(1)} s after the stack started)`,
    );
    const tenancyId = stack.emulator.tenancy.tenancyId;
    const comps = await gql('{ compartments(first: 100) { nodes { id name path lifecycleState } } }', sub);
    const list = ((comps.body.data?.compartments as { nodes?: unknown[] } | undefined)?.nodes ?? []) as {
      id: string;
      name: string;
      path: string;
      lifecycleState: string;
    }[];
    check(
      'resources from the image answers { compartments } from the emulator (gateway → invoke → resources → Identity)',
      comps.status === 200 &&
        !comps.body.errors &&
        list.length >= 2 &&
        list[0]?.id === tenancyId &&
        list.every((c) => /^ocid1\.(tenancy|compartment)\./.test(c.id) && c.lifecycleState === 'ACTIVE'),
      comps.body.errors
        ? JSON.stringify(comps.body.errors).slice(0, 300)
        : `${list.length} compartments: ${list
            .slice(0, 4)
            .map((c) => c.path)
            .join(', ')}${list.length > 4 ? ', ...' : ''}`,
    );

    const containers = stack.runner?.containers() ?? [];
    const inImage = containers.map((c) => {
      const node = processTree(c.pid ?? -1).find((p) => {
        try {
          // buildah execs the command by its resolved path: /usr/local/bin/node dist/functions/entry.cjs
          const [argv0, ...args] = readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0$/, '').split('\0');
          return basename(argv0 ?? '') === cmd[0] && JSON.stringify(args) === JSON.stringify(cmd.slice(1));
        } catch {
          return false;
        }
      });
      if (node === undefined) return { name: c.name, ok: false, what: 'no node process' };
      const status = readFileSync(`/proc/${node}/status`, 'utf8');
      const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
      const exe = readlinkSync(`/proc/${node}/exe`);
      const root = readlinkSync(`/proc/${node}/root`);
      // the image's allocator (Dockerfile ENV LD_PRELOAD): jemalloc mapped into the process
      const jemalloc = readFileSync(`/proc/${node}/maps`, 'utf8').includes('/libjemalloc.so.2');
      // seen from here: buildah bind-mounts the image's rootfs under a temp dir and chroots into it
      return {
        name: c.name,
        ok: uid === user.uid && root !== '/' && exe === join(root, 'usr/local/bin/node') && jemalloc,
        what: `uid ${uid}, root ${root}, exe <root>/${relative(root, exe)}, ${jemalloc ? 'jemalloc' : 'NO jemalloc'}`,
      };
    });
    check(
      "the function processes run chrooted in the image as its user, with the image's jemalloc preloaded",
      inImage.length >= 2 && inImage.every((c) => c.ok),
      inImage.map((c) => `${c.name}: ${c.what}`).join('; '),
    );
    const accepted = (fn: string) =>
      runLog.some((l) => l.startsWith(`[${fn}#`) && l.includes('"msg":"code cache accepted"'));
    const rejected = runLog.filter((l) => l.includes('code cache rejected'));
    check(
      "the entry accepted the image's code cache (gateway, resources)",
      accepted('gateway') && accepted('resources') && rejected.length === 0,
      rejected.join(' | '),
    );
    await stack.close();
    stack = undefined;

    // 5. a crash inside the image names the TypeScript sources
    const crash = spawnSync(
      'buildah',
      [...b.global, 'run', '--isolation', 'chroot', '--env', 'FUNCTION_NAME=resources', ctr, '--', ...cmd],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: b.env, timeout: CALL_TIMEOUT_MS },
    );
    const frames = crash.stderr.split('\n').filter((l) => /^\s+at /.test(l));
    const sourceFrames = frames.filter((l) => /\(\/function\/(functions|shared)\/\S+\.ts:\d+:\d+\)$/.test(l));
    check(
      'a crash in the image (resources without NOSQL_COMPARTMENT_ID) prints frames naming the TypeScript sources',
      crash.status !== 0 &&
        sourceFrames.length > 0 &&
        !frames.some((l) => /\/dist\/functions\/resources\.cjs:/.test(l)),
      sourceFrames.length
        ? sourceFrames
            .slice(0, 3)
            .map((l) => l.trim())
            .join(' | ')
        : `exit ${crash.status}; frames: ${frames.slice(0, 3).join(' | ') || 'none'}`,
    );

    if (results.some((r) => !r.ok)) {
      say('last container log lines:');
      for (const l of runLog.slice(-30)) say(`    ${l.slice(0, 400)}`);
    }
  } catch (e: unknown) {
    if (!(e instanceof CheckFailed))
      check('image check ran to the end', false, e instanceof Error ? e.message : String(e));
  } finally {
    await stack?.close().catch(() => undefined);
    spawnSync('buildah', [...b.global, 'rm', '--all'], { encoding: 'utf8', env: b.env });
    rmSync(work, { recursive: true, force: true });
  }
  const failed = results.filter((r) => !r.ok).length;
  say(`image check took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  say(`image-check: ${results.length - failed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    process.stderr.write(`image check failed: ${e instanceof Error ? e.message : String(e)}\n`);
    say(`image-check: ${results.filter((r) => r.ok).length} passed, ${results.filter((r) => !r.ok).length + 1} failed`);
    process.exitCode = 1;
  });
}
