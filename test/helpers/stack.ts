/**
 * E2E fixture: the whole local stack (the same `startStack` as `npm start`) on free ports with its
 * own temp STATE_DIR and fast event retries. Needs the bundles from `npm run build` (`npm test`
 * builds first); a required function whose bundle is missing fails the fixture with a clear message.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, type Stack, type StackOptions } from '#local/stack/stack.ts';
import type { FunctionName } from '#deployment/manifest.ts';
import type { Role } from '#shared/graphql/roles.ts';
import { createLogger } from '#shared/log.ts';

export interface StackFixtureOptions extends Partial<StackOptions> {
  /** functions the test needs; their bundles must exist @default ['gateway'] */
  require?: FunctionName[];
}

export interface GraphQLAnswer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] } & Record<string, unknown>;
}

export interface StackFixture {
  stack: Stack;
  stateDir: string;
  /** the GraphQL endpoint behind the API Gateway front */
  graphqlUrl: string;
  /** a dev token (default: a fresh user id, role viewer) */
  token(options?: { sub?: string; roles?: Role[]; ttlSeconds?: number }): Promise<string>;
  /** POST a GraphQL request through the front; `token: null` sends none */
  graphql<T = Record<string, unknown>>(
    query: string,
    options?: { token?: string | null; variables?: Record<string, unknown> },
  ): Promise<GraphQLAnswer<T>>;
  /** container output and runner events so far (shown when a test fails with STACK_DEBUG=1 live) */
  runnerLog: string[];
  /** stop everything and remove the state dir unless `keepState` */
  stop(options?: { keepState?: boolean }): Promise<void>;
}

export async function startStackFixture(options: StackFixtureOptions = {}): Promise<StackFixture> {
  const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), 'stack-'));
  const runnerLog: string[] = [];
  const debug = !!process.env.STACK_DEBUG;
  let stack: Stack;
  try {
    stack = await startStack({
      port: 0,
      emulatorPort: 0,
      eventsRetry: { maxAttempts: 5, baseDelayMs: 50, factor: 2, maxDelayMs: 500 },
      log: createLogger({ level: debug ? 'info' : 'warn', base: { component: 'stack' } }),
      runnerLog: (line) => {
        runnerLog.push(line);
        if (runnerLog.length > 2000) runnerLog.shift();
        if (debug) process.stderr.write(line + '\n');
      },
      ...options,
      stateDir,
    });
  } catch (e) {
    if (!options.stateDir) rmSync(stateDir, { recursive: true, force: true });
    throw e;
  }
  const missing = (options.require ?? ['gateway']).filter((fn) => !stack.functionIds[fn]);
  if (missing.length) {
    await stack.close();
    if (!options.stateDir) rmSync(stateDir, { recursive: true, force: true });
    throw new Error(
      `the stack runs without ${missing.join(', ')}: dist/functions/<fn>.cjs is missing (run npm run build)`,
    );
  }
  let n = 0;
  return {
    stack,
    stateDir,
    runnerLog,
    graphqlUrl: stack.urls.graphql,
    token: (o = {}) =>
      stack.mintToken({
        sub: o.sub ?? `user-${process.pid}-${++n}-${Date.now().toString(36)}`,
        roles: o.roles ?? ['viewer'],
        ...(o.ttlSeconds ? { ttlSeconds: o.ttlSeconds } : {}),
      }),
    async graphql(query, o = {}) {
      const token =
        o.token === undefined
          ? await stack.mintToken({ sub: `user-${process.pid}-${++n}`, roles: ['viewer'] })
          : o.token;
      const res = await fetch(stack.urls.graphql, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, ...(o.variables ? { variables: o.variables } : {}) }),
      });
      const text = await res.text();
      let body: GraphQLAnswer['body'];
      try {
        body = JSON.parse(text) as GraphQLAnswer['body'];
      } catch {
        throw new Error(`non-JSON answer (${res.status}) from ${stack.urls.graphql}: ${text.slice(0, 300)}`);
      }
      return { status: res.status, headers: res.headers, body } as GraphQLAnswer<never>;
    },
    async stop(o = {}) {
      await stack.close();
      if (!o.keepState && !options.stateDir) rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
