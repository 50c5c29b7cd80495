/**
 * One factory for OCI credentials (ARCHITECTURE.md "Function runtime"):
 * resource principal when `OCI_RESOURCE_PRINCIPAL_VERSION` is set (inside OCI Functions and the
 * local Fn runner), else a profile of the OCI config file (developer machines, tests, tools).
 *
 * @example
 * const auth = createAuthProvider();                 // RP in a function, ~/.oci/config DEFAULT elsewhere
 * const admin = createAuthProvider({ configFile: emulator.adminProfile.configFile, profile: 'ADMIN' });
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { Env } from '../config.ts';
import { AuthConfigError } from './errors.ts';
import { WatchedFile, assertPrivateKey, expandHome } from './files.ts';
import { DEFAULT_PROFILE, parseOciConfig, resolveProfile } from './ini.ts';
import {
  ApiKeyProvider,
  InstancePrincipalProvider,
  ResourcePrincipalProvider,
  SessionTokenProvider,
  type Credential,
  type SafeProvider,
} from './providers.ts';
import { regionOf } from './region.ts';

export { AuthConfigError } from './errors.ts';
export { parseOciConfig, resolveProfile, DEFAULT_PROFILE, type OciConfigProfiles } from './ini.ts';
export {
  ApiKeyProvider,
  InstancePrincipalProvider,
  ResourcePrincipalProvider,
  SessionTokenProvider,
  SafeProvider,
  type AuthKind,
  type AuthSummary,
} from './providers.ts';

/** Options of {@link createAuthProvider}. */
export interface AuthOptions {
  /** Where to read env from. @default process.env */
  env?: Env;
  /** Force a method. @default resource_principal if OCI_RESOURCE_PRINCIPAL_VERSION is set, else config_file */
  method?: 'resource_principal' | 'config_file';
  /** @default env OCI_CLI_CONFIG_FILE ?? OCI_CONFIG_FILE ?? ~/.oci/config */
  configFile?: string;
  /** @default env OCI_CLI_PROFILE ?? OCI_PROFILE ?? DEFAULT */
  profile?: string;
}

const nonEmpty = (v: string | undefined) => (v !== undefined && v.trim() !== '' ? v.trim() : undefined);

function credential(value: string, what: string): Credential {
  return isAbsolute(value) ? { file: new WatchedFile(value, what) } : { literal: value };
}

function fromResourcePrincipal(env: Env): ResourcePrincipalProvider {
  const version = nonEmpty(env.OCI_RESOURCE_PRINCIPAL_VERSION);
  if (version !== '2.2')
    throw new AuthConfigError(`OCI_RESOURCE_PRINCIPAL_VERSION must be "2.2", got "${version ?? ''}"`);
  const rpst = nonEmpty(env.OCI_RESOURCE_PRINCIPAL_RPST);
  const pem = nonEmpty(env.OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM);
  const regionId = nonEmpty(env.OCI_RESOURCE_PRINCIPAL_REGION);
  if (!rpst) throw new AuthConfigError('OCI_RESOURCE_PRINCIPAL_RPST is not set');
  if (!pem) throw new AuthConfigError('OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM is not set');
  if (!regionId) throw new AuthConfigError('OCI_RESOURCE_PRINCIPAL_REGION is not set');
  const pass = nonEmpty(env.OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM_PASSPHRASE);
  let passphrase: string | null = null;
  if (pass) passphrase = isAbsolute(pass) ? new WatchedFile(pass, 'RP pass phrase').read().content : pass;
  const pemCred = credential(pem, 'RP private key');
  if ('literal' in pemCred) assertPrivateKey(pemCred.literal, passphrase, 'OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM');
  return new ResourcePrincipalProvider({
    rpst: credential(rpst, 'RPST'),
    pem: pemCred,
    passphrase,
    region: regionOf(regionId, 'OCI_RESOURCE_PRINCIPAL_REGION'),
  });
}

function fromConfigFile(env: Env, options: AuthOptions): SafeProvider {
  const home = nonEmpty(env.HOME) ?? homedir();
  const path = expandHome(
    options.configFile ??
      nonEmpty(env.OCI_CLI_CONFIG_FILE) ??
      nonEmpty(env.OCI_CONFIG_FILE) ??
      join(home, '.oci', 'config'),
    home,
  );
  const profile = options.profile ?? nonEmpty(env.OCI_CLI_PROFILE) ?? nonEmpty(env.OCI_PROFILE) ?? DEFAULT_PROFILE;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e: unknown) {
    throw new AuthConfigError(
      `cannot read OCI config file ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'}); set ` +
        `OCI_CLI_CONFIG_FILE or use a resource principal`,
    );
  }
  const where = `${path} [${profile}]`;
  const p = resolveProfile(parseOciConfig(text, path), profile, path);
  const need = (key: string, forWhat: string): string => {
    const v = nonEmpty(p[key]);
    if (!v) throw new AuthConfigError(`${where} is missing "${key}" (required for ${forWhat})`);
    return v;
  };
  const regionId = nonEmpty(p.region) ?? nonEmpty(env.OCI_REGION);
  const region = regionId ? regionOf(regionId, `${where} region`) : undefined;
  const tenancy = nonEmpty(p.tenancy);
  const type = (
    nonEmpty(p.authentication_type) ?? (p.security_token_file ? 'security_token' : 'api_key')
  ).toLowerCase();
  const passphrase = nonEmpty(p.pass_phrase) ?? null;
  const readKey = (): string => {
    const keyFile = expandHome(need('key_file', `${type} auth`), home);
    let pem: string;
    try {
      pem = readFileSync(keyFile, 'utf8');
    } catch (e: unknown) {
      throw new AuthConfigError(
        `${where}: cannot read key_file ${keyFile} (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    assertPrivateKey(pem, passphrase, `${where} key_file ${keyFile}`);
    return pem;
  };
  switch (type) {
    case 'api_key': {
      const o = {
        tenancy: need('tenancy', 'api_key auth'),
        user: need('user', 'api_key auth'),
        fingerprint: need('fingerprint', 'api_key auth'),
      };
      if (!region) throw new AuthConfigError(`${where} has no "region" and OCI_REGION is not set`);
      return new ApiKeyProvider({ ...o, privateKey: readKey(), passphrase, region, profile });
    }
    case 'security_token': {
      const tokenFile = expandHome(need('security_token_file', 'security_token auth'), home);
      const keyFile = expandHome(need('key_file', 'security_token auth'), home);
      if (!region) throw new AuthConfigError(`${where} has no "region" and OCI_REGION is not set`);
      return new SessionTokenProvider({
        tokenFile,
        keyFile,
        passphrase,
        region,
        profile,
        ...(tenancy ? { tenancy } : {}),
      });
    }
    case 'instance_principal':
      return new InstancePrincipalProvider({ ...(region ? { region } : {}), profile, ...(tenancy ? { tenancy } : {}) });
    default:
      throw new AuthConfigError(
        `${where}: authentication_type "${type}" is not supported (api_key, security_token, instance_principal)`,
      );
  }
}

/**
 * Build the credentials provider for this process. Synchronous, so clients can be created at
 * module scope. Throws {@link AuthConfigError} with a message naming the file/profile/variable.
 */
export function createAuthProvider(options: AuthOptions = {}): SafeProvider {
  const env = options.env ?? process.env;
  const method =
    options.method ?? (nonEmpty(env.OCI_RESOURCE_PRINCIPAL_VERSION) ? 'resource_principal' : 'config_file');
  return method === 'resource_principal' ? fromResourcePrincipal(env) : fromConfigFile(env, options);
}

/**
 * The compartment to use when none is configured: the RPST's `res_compartment` (then `res_tenant`)
 * for a resource principal, the profile's tenancy otherwise.
 */
export async function defaultCompartmentId(provider: SafeProvider): Promise<string | undefined> {
  if (provider instanceof ResourcePrincipalProvider) {
    return (
      (await provider.getStringClaim('res_compartment')) ?? (await provider.getStringClaim('res_tenant')) ?? undefined
    );
  }
  return provider.getTenantId();
}
