/**
 * `npm start` (after `npm run build`): the whole local stack in the foreground. Prints the URLs and
 * a ready admin dev token; Ctrl-C or SIGTERM stops everything (containers included).
 *
 * Env: PORT (API Gateway front, default 8080), EMULATOR_PORT (default 8081), STATE_DIR (default .local/).
 */
import { envInt, envString } from '#shared/config.ts';
import { startStack } from './stack.ts';

const DEV_USER = 'dev-user';
const DEV_TOKEN_TTL_SECONDS = 12 * 3600;

async function main(): Promise<void> {
  const port = envInt('PORT', 8080);
  const emulatorPort = envInt('EMULATOR_PORT', 8081);
  const stateDir = envString('STATE_DIR', '.local');
  for (const [name, v] of [['PORT', port], ['EMULATOR_PORT', emulatorPort]] as const) {
    if (v < 0 || v > 65535) throw new Error(`${name} must be a port number (0..65535), got ${v}`);
  }
  // Signals are handled from the start: a Ctrl-C while the stack is still coming up waits for the
  // start to settle and then closes whatever it started (function containers run in their own
  // process groups and would otherwise outlive us).
  const starting = startStack({ port, emulatorPort, stateDir });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      process.stderr.write(`\n${signal} again: exiting now\n`);
      process.exit(130);
    }
    stopping = true;
    process.stderr.write(`\n${signal}: stopping the local stack...\n`);
    starting.then((s) => s.close(), () => undefined).then(
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
    `  GraphQL (API Gateway front): ${stack.urls.graphql}`,
    `  OCI emulator:                ${stack.urls.emulator}`,
    `  OCI config (admin profile):  ${stack.ociConfigFile}  (profile DEFAULT)`,
    `  State dir:                   ${stack.stateDir}`,
    `  Functions running:           ${running}`,
    ...(stack.missing.length ? [`  Functions NOT built:         ${stack.missing.join(', ')}  (run npm run build)`] : []),
    '',
    `Dev token (user ${DEV_USER}, role admin, valid ${DEV_TOKEN_TTL_SECONDS / 3600} h); more with: npm run token -- --user <id> --role <viewer|operator|admin>`,
    '',
    `  curl -s ${stack.urls.graphql} -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' -d '{"query":"{ me { userId roles } }"}'`,
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
  if (e instanceof Error && /EADDRINUSE/.test(e.message)) process.stderr.write('a port is taken: set PORT / EMULATOR_PORT, or stop the other process\n');
  process.exit(1);
});
