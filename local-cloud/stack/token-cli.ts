/**
 * `npm run token -- --user <id> --role <viewer|operator|admin> [--role ...] [--ttl 3600]`
 *
 * Mints a dev JWT with the key in STATE_DIR (default `.local/`), the same key the running stack
 * verifies with (created if absent, so this works with or without the stack running). The token is
 * the LAST line of output; everything else goes before it.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { openDevIssuer, validateMint, MintError, MAX_TTL_SECONDS } from '#local/apigw/issuer.ts';
import { ROLES, type Role } from '#local/product.ts';

const USAGE =
  `usage: npm run token -- --user <id> --role <${ROLES.join('|')}> [--role <...>] [--ttl <seconds, ` +
  `1..${MAX_TTL_SECONDS}, default 3600>]
env STATE_DIR: where the dev issuer key lives (default .local/)`;

export interface TokenArgs {
  user: string;
  roles: Role[];
  ttlSeconds: number;
}

/** Parse and validate the CLI arguments; throws MintError with a clear message. */
export function parseTokenArgs(argv: string[]): TokenArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        user: { type: 'string' },
        role: { type: 'string', multiple: true },
        ttl: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e: unknown) {
    throw new MintError(e instanceof Error ? e.message : String(e));
  }
  if (values.help) throw new MintError('help');
  if (!values.user) throw new MintError('--user is required');
  if (!values.role?.length) throw new MintError('--role is required');
  const roles = values.role.flatMap((r) => r.split(',')).map((r) => r.trim()) as Role[];
  const ttlText = values.ttl ?? '3600';
  if (!/^\d+$/.test(ttlText)) throw new MintError(`--ttl must be a whole number of seconds (got "${ttlText}")`);
  const args = { user: values.user, roles, ttlSeconds: Number(ttlText) };
  validateMint({ sub: args.user, roles: args.roles, ttlSeconds: args.ttlSeconds });
  return args;
}

async function main(): Promise<void> {
  let args: TokenArgs;
  try {
    args = parseTokenArgs(process.argv.slice(2));
  } catch (e: unknown) {
    if (e instanceof MintError) {
      if (e.message !== 'help') process.stderr.write(`error: ${e.message}\n`);
      process.stderr.write(`${USAGE}\n`);
      process.exitCode = e.message === 'help' ? 0 : 2;
      return;
    }
    throw e;
  }
  const stateDir = resolve(process.env.STATE_DIR ?? '.local');
  const issuer = await openDevIssuer({ stateDir });
  const token = await issuer.mintToken({ sub: args.user, roles: args.roles, ttlSeconds: args.ttlSeconds });
  process.stdout.write(
    `# dev token for ${args.user} (${args.roles.join(',')}), expires in ${args.ttlSeconds}s; key in ${stateDir}\n`,
  );
  process.stdout.write(`${token}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
