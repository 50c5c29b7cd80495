/**
 * A small parser for the OCI CLI/SDK config file (INI-like). Our own rather than oci-common's
 * `ConfigFileReader` because that one (2.139.1): prefers ~/.oci/config over `OCI_CONFIG_FILE` and
 * ignores `OCI_CLI_CONFIG_FILE`; echoes whole offending lines (which may hold secrets) in its
 * errors; throws bare strings from `getPvtKey`; `console.info`s when DEFAULT is absent; and has no
 * `;` comments. It does inherit missing keys from DEFAULT, which we keep.
 */
import { AuthConfigError } from './errors.ts';

export type OciConfigProfiles = Map<string, Record<string, string>>;

export const DEFAULT_PROFILE = 'DEFAULT';

/**
 * Parse config text into profiles. Errors carry the line number only, never line content.
 * @param source a name for messages (the file path)
 */
export function parseOciConfig(text: string, source = 'OCI config'): OciConfigProfiles {
  const profiles: OciConfigProfiles = new Map();
  let current: Record<string, string> | undefined;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((rawLine, i) => {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    if (line.startsWith('[')) {
      const name = line.endsWith(']') ? line.slice(1, -1).trim() : '';
      if (!name) throw new AuthConfigError(`${source}: line ${i + 1}: malformed or empty profile header`);
      current = profiles.get(name) ?? {};
      profiles.set(name, current);
      return;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) throw new AuthConfigError(`${source}: line ${i + 1}: expected "key = value"`);
    if (!current) throw new AuthConfigError(`${source}: line ${i + 1}: key outside of any [profile]`);
    current[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  });
  return profiles;
}

/**
 * The effective settings of `profile`: its own keys over the DEFAULT profile's (the SDK/CLI rule).
 * @throws AuthConfigError naming the available profiles when it does not exist
 */
export function resolveProfile(
  profiles: OciConfigProfiles,
  profile: string,
  source = 'OCI config',
): Record<string, string> {
  const own = profiles.get(profile);
  if (!own) {
    const names = [...profiles.keys()].join(', ') || 'none';
    throw new AuthConfigError(`${source}: no profile "${profile}" (profiles: ${names})`);
  }
  return profile === DEFAULT_PROFILE ? { ...own } : { ...(profiles.get(DEFAULT_PROFILE) ?? {}), ...own };
}
