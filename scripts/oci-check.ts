/**
 * `npm run oci:check -- [--profile NAME]... [--all] [--config FILE] [--endpoint URL]`: can this
 * machine reach OCI with a config-file profile? For each profile, builds the provider the functions
 * would use outside OCI (`createAuthProvider`, method config_file) and calls Object Storage
 * GetNamespace once (`checkConnectivity`), printing `ok <profile> ... namespace=<ns>` or the
 * reason it failed. Never prints keys, fingerprints, pass phrases or tokens.
 *
 * Defaults as in the functions: file `OCI_CLI_CONFIG_FILE` > `OCI_CONFIG_FILE` > ~/.oci/config,
 * profile `OCI_CLI_PROFILE` > `OCI_PROFILE` > DEFAULT. Endpoint: `--endpoint`, else
 * `OCI_ENDPOINT_OBJECTSTORAGE` / `OCI_ENDPOINT` (e.g. the local emulator), else the profile's region.
 * Exit codes: 0 every profile ok, 1 some profile failed, 2 usage error.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createAuthProvider, parseOciConfig, type SafeProvider } from '#shared/auth/index.ts';
import { checkConnectivity } from '#shared/auth/connectivity.ts';
import { redactString } from '#shared/log.ts';

export const USAGE = `usage: npm run oci:check -- [--profile NAME]... [--all] [--config FILE] [--endpoint URL]
  --profile NAME   profile to check (repeatable; default OCI_CLI_PROFILE, OCI_PROFILE or DEFAULT)
  --all            check every profile in the config file
  --config FILE    OCI config file (default OCI_CLI_CONFIG_FILE, OCI_CONFIG_FILE or ~/.oci/config)
  --endpoint URL   call this base URL instead of the region's endpoint
                   (default OCI_ENDPOINT_OBJECTSTORAGE, OCI_ENDPOINT)
exit codes: 0 all ok, 1 a profile failed, 2 usage error`;

export interface OciCheckIo {
  /** @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
  /** result lines @default process.stdout */
  out?: (line: string) => void;
  /** usage errors @default process.stderr */
  err?: (line: string) => void;
}

const nonEmpty = (v: string | undefined) => (v !== undefined && v.trim() !== '' ? v.trim() : undefined);

/** Run the check; resolves to the exit code. Never throws. */
export async function runOciCheck(argv: string[], io: OciCheckIo = {}): Promise<number> {
  const env = io.env ?? process.env;
  const out = io.out ?? ((l: string) => process.stdout.write(`${l}\n`));
  const err = io.err ?? ((l: string) => process.stderr.write(`${l}\n`));
  let values: { profile?: string[]; all?: boolean; config?: string; endpoint?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      strict: true,
      options: {
        profile: { type: 'string', multiple: true },
        all: { type: 'boolean' },
        config: { type: 'string' },
        endpoint: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e: unknown) {
    err(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    out(USAGE);
    return 0;
  }
  if (values.all && values.profile?.length) {
    err(`--all and --profile exclude each other\n${USAGE}`);
    return 2;
  }
  if (
    values.profile?.some((p) => !p.trim()) ||
    (values.config !== undefined && !values.config.trim()) ||
    (values.endpoint !== undefined && !values.endpoint.trim())
  ) {
    err(`--profile, --config and --endpoint need a value\n${USAGE}`);
    return 2;
  }
  const configFile =
    values.config ??
    nonEmpty(env.OCI_CLI_CONFIG_FILE) ??
    nonEmpty(env.OCI_CONFIG_FILE) ??
    join(nonEmpty(env.HOME) ?? homedir(), '.oci', 'config');

  let profiles = values.profile ?? [nonEmpty(env.OCI_CLI_PROFILE) ?? nonEmpty(env.OCI_PROFILE) ?? 'DEFAULT'];
  if (values.all) {
    try {
      profiles = [...parseOciConfig(readFileSync(configFile, 'utf8'), configFile).keys()];
    } catch (e: unknown) {
      out(`FAIL ${configFile}: ${message(e)}`);
      return 1;
    }
    if (!profiles.length) {
      out(`FAIL ${configFile}: no profiles`);
      return 1;
    }
  }

  let failed = 0;
  for (const profile of profiles) {
    let provider: SafeProvider;
    try {
      provider = createAuthProvider({ method: 'config_file', configFile, profile, env });
    } catch (e: unknown) {
      out(`FAIL ${profile}: ${message(e)}`);
      failed++;
      continue;
    }
    const summary = provider.toJSON();
    const r = await checkConnectivity(provider, { env, ...(values.endpoint ? { endpoint: values.endpoint } : {}) });
    if (r.ok) {
      out(`ok   ${profile} (${summary.kind}, region ${summary.region ?? '?'}) namespace=${r.namespace}`);
    } else {
      out(`FAIL ${profile} (${summary.kind}, region ${summary.region ?? '?'}): ${r.message}`);
      failed++;
    }
  }
  return failed ? 1 : 0;
}

function message(e: unknown): string {
  return redactString(e instanceof Error ? e.message : String(e));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runOciCheck(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${message(e)}\n`);
      process.exit(1);
    },
  );
}
