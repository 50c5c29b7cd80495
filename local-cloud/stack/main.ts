/**
 * `npm start` (after `npm run build`): the whole local stack in the foreground. Prints the URLs and
 * a ready admin dev token; Ctrl-C or SIGTERM stops everything (containers included).
 *
 * Env: PORT (API Gateway front, default 8080), EMULATOR_PORT (default 8081), STATE_DIR (default .local/).
 * TENANCY_PROFILE runs the domain functions against a real tenancy as that config-file profile
 * (OCI_CLI_CONFIG_FILE, default ~/.oci/config), with NOSQL_COMPARTMENT_ID (required), OS_NAMESPACE,
 * FILES_BUCKET, EXPORTS_BUCKET, TABLE_PREFIX and
 * TENANCY_ENDPOINT as in README "Run the functions against a real tenancy".
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { envInt, envOptional, envString, expandHome, quietOciRetrier } from '#local/product.ts';
import { startStack } from './stack.ts';
import type { TenancyTarget } from './tenancy.ts';

// the stack's own SDK calls (provisioning) retry through withRetry; oci-common's retrier lines are noise
quietOciRetrier();

/** The tenancy mode's settings from the environment, or undefined without TENANCY_PROFILE. */
function tenancyFromEnv(): TenancyTarget | undefined {
  const profile = envOptional('TENANCY_PROFILE');
  if (!profile) return undefined;
  const compartmentId = envOptional('NOSQL_COMPARTMENT_ID');
  if (!compartmentId)
    throw new Error(
      'TENANCY_PROFILE needs NOSQL_COMPARTMENT_ID: the compartment of the tables Terraform created (infra/oci)',
    );
  const home = process.env.HOME || homedir();
  const configFile = expandHome(
    envOptional('OCI_CLI_CONFIG_FILE') ?? envOptional('OCI_CONFIG_FILE') ?? join(home, '.oci', 'config'),
    home,
  );
  const opt = (k: string) => envOptional(k);
  return {
    profile,
    configFile,
    compartmentId,
    ...(opt('OS_NAMESPACE') ? { namespace: opt('OS_NAMESPACE')! } : {}),
    ...(opt('FILES_BUCKET') ? { filesBucket: opt('FILES_BUCKET')! } : {}),
    ...(opt('EXPORTS_BUCKET') ? { exportsBucket: opt('EXPORTS_BUCKET')! } : {}),
    ...(opt('TABLE_PREFIX') ? { tablePrefix: opt('TABLE_PREFIX')! } : {}),
    ...(opt('TENANCY_ENDPOINT') ? { endpoint: opt('TENANCY_ENDPOINT')! } : {}),
  };
}

const DEV_USER = 'dev-user';
const DEV_TOKEN_TTL_SECONDS = 12 * 3600;

async function main(): Promise<void> {
  const port = envInt('PORT', 8080);
  const emulatorPort = envInt('EMULATOR_PORT', 8081);
  const stateDir = envString('STATE_DIR', '.local');
  for (const [name, v] of [
    ['PORT', port],
    ['EMULATOR_PORT', emulatorPort],
  ] as const) {
    if (v < 0 || v > 65535) throw new Error(`${name} must be a port number (0..65535), got ${v}`);
  }
  // Signals are handled from the start: a Ctrl-C while the stack is still coming up waits for the
  // start to settle and then closes whatever it started (function containers run in their own
  // process groups and would otherwise outlive us).
  const tenancy = tenancyFromEnv();
  const starting = startStack({ port, emulatorPort, stateDir, ...(tenancy ? { tenancy } : {}) });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      process.stderr.write(`\n${signal} again: exiting now\n`);
      process.exit(130);
    }
    stopping = true;
    process.stderr.write(`\n${signal}: stopping the local stack...\n`);
    starting
      .then(
        (s) => s.close(),
        () => undefined,
      )
      .then(
        () => process.exit(0),
        (e: unknown) => {
          process.stderr.write(`error while stopping: ${e instanceof Error ? e.message : String(e)}\n`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  const stack = await starting;
  if (stopping) return;

  const token = await stack.mintToken({ sub: DEV_USER, roles: ['admin'], ttlSeconds: DEV_TOKEN_TTL_SECONDS });
  const running = Object.keys(stack.functionIds).join(', ') || 'none';
  const lines = [
    '',
    'Local stack is up.',
    `  Web dashboard:               ${stack.urls.apigw}/  (dev sign-in, or ${stack.urls.apigw}/#token=$TOKEN)`,
    `  GraphQL (API Gateway front): ${stack.urls.graphql}  (GraphiQL in a browser)`,
    `  OCI emulator:                ${stack.urls.emulator}`,
    `  OCI config (admin profile):  ${stack.ociConfigFile}  (profile DEFAULT)`,
    `  State dir:                   ${stack.stateDir}`,
    `  Functions running:           ${running}`,
    ...(tenancy
      ? [
          `  Domain functions call:       the tenancy of profile ${tenancy.profile} ` +
            `(${tenancy.configFile})${tenancy.endpoint ? ` at ${tenancy.endpoint}` : ''}`,
        ]
      : []),
    ...(stack.missing.length
      ? [`  Functions NOT built:         ${stack.missing.join(', ')}  (run npm run build)`]
      : []),
    '',
    `Dev token (user ${DEV_USER}, role admin, valid ${DEV_TOKEN_TTL_SECONDS / 3600} h); more with: npm run token -- ` +
      `--user <id> --role <viewer|operator|admin>`,
    '',
    `  curl -s ${stack.urls.graphql} -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' -d ` +
      `'{"query":"{ me { userId roles } }"}'`,
    '',
    'Press Ctrl-C to stop.',
    '',
    `TOKEN=${token}`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

main().catch((e: unknown) => {
  process.stderr.write(`the local stack failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  if (e instanceof Error && /EADDRINUSE/.test(e.message))
    process.stderr.write('a port is taken: set PORT / EMULATOR_PORT, or stop the other process\n');
  process.exit(1);
});
