import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthConfigError,
  createAuthProvider,
  defaultCompartmentId,
  parseOciConfig,
  resolveProfile,
  ResourcePrincipalProvider,
  type SafeProvider,
} from '../../shared/auth/index.ts';
import { createLogger } from '../../shared/log.ts';

const FINGERPRINT = 'aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99';
const PASS = 'correct-horse-battery';
let dir = '';
let keyPem = '';
let key2Pem = '';
let encPem = '';

const jwt = (claims: Record<string, unknown>) =>
  [{ alg: 'RS256', typ: 'JWT' }, claims].map((p) => Buffer.from(JSON.stringify(p)).toString('base64url')).join('.') +
  '.c2lnbmF0dXJl';

function write(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** Atomic replace (what a token renewal does): new inode, new mtime. */
function replace(path: string, text: string) {
  writeFileSync(path + '.new', text);
  renameSync(path + '.new', path);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'auth-'));
  const gen = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  keyPem = gen().export({ type: 'pkcs8', format: 'pem' }).toString();
  key2Pem = gen().export({ type: 'pkcs1', format: 'pem' }).toString();
  encPem = gen().export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASS }).toString();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Nothing secret may show in JSON, inspect, toString or a log line. */
function expectNoSecrets(p: SafeProvider, secrets: string[]) {
  const lines: string[] = [];
  createLogger({ sink: (l) => lines.push(l) }).info('provider', { provider: p, auth: p });
  const texts = [
    JSON.stringify(p),
    inspect(p, { depth: 10, showHidden: true }),
    String(p),
    `${p}`,
    JSON.stringify({ ...p }),
    ...lines,
  ];
  for (const t of texts) for (const s of secrets) expect(t).not.toContain(s);
}

describe('OCI config parsing', () => {
  it('parses profiles with comments and CRLF, and inherits missing keys from DEFAULT', () => {
    const profiles = parseOciConfig(
      '# c\r\n[DEFAULT]\r\nregion = us-ashburn-1\r\ntenancy=ocid1.tenancy.oc1..t\r\n; other comment\r\n[DEV]\r\nuser ' +
        '= ocid1.user.oc1..u\r\nregion=eu-frankfurt-1\r\n',
    );
    expect(resolveProfile(profiles, 'DEV')).toEqual({
      region: 'eu-frankfurt-1',
      tenancy: 'ocid1.tenancy.oc1..t',
      user: 'ocid1.user.oc1..u',
    });
    expect(resolveProfile(profiles, 'DEFAULT')).toEqual({ region: 'us-ashburn-1', tenancy: 'ocid1.tenancy.oc1..t' });
  });

  it('names the profiles that exist when the requested one does not', () => {
    expect(() => resolveProfile(parseOciConfig('[DEFAULT]\na=1\n[X]\nb=2'), 'Y')).toThrow(
      'no profile "Y" (profiles: DEFAULT, X)',
    );
  });

  it('reports malformed lines by number without echoing their content', () => {
    const err = (() => {
      try {
        parseOciConfig(`[DEFAULT]\npass_phrase ${PASS}\n`, 'cfg');
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err).toBeInstanceOf(AuthConfigError);
    expect(err!.message).toBe('cfg: line 2: expected "key = value"');
    expect(() => parseOciConfig('key=value\n')).toThrow(/line 1: key outside of any \[profile\]/);
    expect(() => parseOciConfig('[]\n')).toThrow(/line 1: malformed or empty profile header/);
  });
});

describe('createAuthProvider: config file', () => {
  it(
    'api_key: finds the file and profile from env (OCI_CLI_* first), inherits from DEFAULT, signs as ' +
      'tenancy/user/fingerprint',
    async () => {
      const keyFile = write('api.pem', keyPem);
      const cfg = write(
        'config-api',
        `[DEFAULT]\ntenancy=ocid1.tenancy.oc1..ten\nregion=us-ashburn-1\nfingerprint=${FINGERPRINT}\n` +
          `key_file=${keyFile}\n[DEV]\nuser=ocid1.user.oc1..dev\n`,
      );
      const p = createAuthProvider({
        env: { OCI_CLI_CONFIG_FILE: cfg, OCI_CONFIG_FILE: '/nonexistent', OCI_CLI_PROFILE: 'DEV', OCI_PROFILE: 'NOPE' },
      });
      expect(p.summary()).toEqual({
        kind: 'api_key',
        region: 'us-ashburn-1',
        profile: 'DEV',
        tenancy: 'ocid1.tenancy.oc1..ten',
      });
      expect(await p.getKeyId()).toBe(`ocid1.tenancy.oc1..ten/ocid1.user.oc1..dev/${FINGERPRINT}`);
      expect(p.getPrivateKey()).toBe(keyPem);
      expect(p.getPassphrase()).toBeNull();
      expectNoSecrets(p, [FINGERPRINT, 'PRIVATE KEY', keyPem.slice(40, 80)]);
    },
  );

  it('api_key: falls back to OCI_CONFIG_FILE / OCI_PROFILE, then ~/.oci/config and DEFAULT', () => {
    const keyFile = write('api2.pem', keyPem);
    const body =
      `[DEFAULT]\ntenancy=ocid1.tenancy.oc1..a\nuser=ocid1.user.oc1..a\nregion=iad\n` +
      `fingerprint=${FINGERPRINT}\nkey_file=${keyFile}\n[P2]\nregion=phx\n`;
    const cfg = write('config-fallback', body);
    expect(createAuthProvider({ env: { OCI_CONFIG_FILE: cfg, OCI_PROFILE: 'P2' } }).summary()).toMatchObject({
      profile: 'P2',
      region: 'us-phoenix-1',
    });
    const home = mkdtempSync(join(dir, 'home-'));
    mkdirSync(join(home, '.oci'));
    writeFileSync(join(home, '.oci', 'config'), body);
    expect(createAuthProvider({ env: { HOME: home } }).summary()).toMatchObject({
      profile: 'DEFAULT',
      region: 'us-ashburn-1',
    });
  });

  it(
    'api_key: an encrypted key with pass_phrase works; a ' + 'wrong pass phrase is a clear error that does not echo it',
    () => {
      const keyFile = write('enc.pem', encPem);
      const base =
        `[DEFAULT]\ntenancy=ocid1.tenancy.oc1..a\nuser=ocid1.user.oc1..a\nregion=us-ashburn-1\n` +
        `fingerprint=${FINGERPRINT}\nkey_file=${keyFile}\n`;
      const good = createAuthProvider({ configFile: write('config-enc', `${base}pass_phrase=${PASS}\n`), env: {} });
      expect(good.getPassphrase()).toBe(PASS);
      expectNoSecrets(good, [PASS, FINGERPRINT]);
      const badCfg = write('config-enc-bad', `${base}pass_phrase=wrong-${PASS}\n`);
      let err: Error | undefined;
      try {
        createAuthProvider({ configFile: badCfg, env: {} });
      } catch (e) {
        err = e as Error;
      }
      expect(err).toBeInstanceOf(AuthConfigError);
      expect(err!.message).toMatch(
        /key_file .*enc\.pem is not a usable PEM private key \(or the pass phrase is wrong\)/,
      );
      expect(err!.message).not.toContain(PASS);
      expect(inspect(err)).not.toContain(PASS);
    },
  );

  it('names the missing key and the profile', () => {
    const cfg = write(
      'config-missing',
      `[DEFAULT]\ntenancy=ocid1.tenancy.oc1..a\nregion=us-ashburn-1\nfingerprint=${FINGERPRINT}\nkey_file=/x.pem\n`,
    );
    expect(() => createAuthProvider({ configFile: cfg, env: {} })).toThrow(
      `${cfg} [DEFAULT] is missing "user" (required for api_key auth)`,
    );
    expect(() => createAuthProvider({ configFile: join(dir, 'nope'), env: {} })).toThrow(
      /cannot read OCI config file .*nope \(ENOENT\)/,
    );
    const noRegion = write(
      'config-noregion',
      `[DEFAULT]\ntenancy=t\nuser=u\nfingerprint=f\nkey_file=${write('k3.pem', keyPem)}\n`,
    );
    expect(() => createAuthProvider({ configFile: noRegion, env: {} })).toThrow(
      /has no "region" and OCI_REGION is not set/,
    );
    expect(createAuthProvider({ configFile: noRegion, env: { OCI_REGION: 'us-ashburn-1' } }).summary().region).toBe(
      'us-ashburn-1',
    );
  });

  it('security_token: signs with ST$<token> and picks up a refreshed token file', async () => {
    const tokenFile = write('token', jwt({ sub: 'u', exp: 1 }) + '\n');
    const cfg = write(
      'config-st',
      `[DEFAULT]\nregion=us-ashburn-1\n[SESSION]\ntenancy=ocid1.tenancy.oc1..s\nfingerprint=${FINGERPRINT}\n` +
        `key_file=${write('st.pem', keyPem)}\nsecurity_token_file=${tokenFile}\n`,
    );
    const p = createAuthProvider({ configFile: cfg, profile: 'SESSION', env: {} });
    expect(p.summary()).toMatchObject({ kind: 'security_token', profile: 'SESSION' });
    const first = await p.getKeyId();
    expect(first).toBe(`ST$${jwt({ sub: 'u', exp: 1 })}`);
    replace(tokenFile, jwt({ sub: 'u', exp: 2 }));
    expect(await p.getKeyId()).toBe(`ST$${jwt({ sub: 'u', exp: 2 })}`);
    expectNoSecrets(p, [jwt({ sub: 'u', exp: 2 }).slice(0, 30), FINGERPRINT]);
  });

  it(
    'instance_principal: constructs a lazy provider that ' + 'oci-common completes on the first signed request',
    async () => {
      // The metadata service (169.254.169.254) is not reachable here: only construction is testable.
      const cfg = write('config-ip', '[DEFAULT]\nauthentication_type=instance_principal\nregion=us-phoenix-1\n');
      const p = createAuthProvider({ configFile: cfg, env: {} }) as SafeProvider & { getAuthType(): string };
      expect(p.summary()).toEqual({ kind: 'instance_principal', region: 'us-phoenix-1', profile: 'DEFAULT' });
      expect(p.getAuthType()).toBe('instance_principal');
      await expect(p.getKeyId()).rejects.toThrow(/obtained on the first signed request/);
    },
  );

  it('rejects an unknown authentication_type', () => {
    const cfg = write('config-unknown', '[DEFAULT]\nauthentication_type=magic\nregion=us-ashburn-1\n');
    expect(() => createAuthProvider({ configFile: cfg, env: {} })).toThrow(
      /authentication_type "magic" is not supported/,
    );
  });
});

describe('createAuthProvider: resource principal', () => {
  const claims = {
    sub: 'ocid1.fnfunc.oc1..f',
    res_tenant: 'ocid1.tenancy.oc1..rt',
    res_compartment: 'ocid1.compartment.oc1..rc',
    exp: 4102444800,
  };

  function rpEnv() {
    const rpst = write(`rpst-${Math.random().toString(36).slice(2)}`, jwt(claims));
    const pem = write(`rp-${Math.random().toString(36).slice(2)}.pem`, keyPem);
    return {
      rpst,
      pem,
      env: {
        OCI_RESOURCE_PRINCIPAL_VERSION: '2.2',
        OCI_RESOURCE_PRINCIPAL_RPST: rpst,
        OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM: pem,
        OCI_RESOURCE_PRINCIPAL_REGION: 'iad',
      },
    };
  }

  it('is chosen when OCI_RESOURCE_PRINCIPAL_VERSION is set, with claims and region', async () => {
    const { env } = rpEnv();
    const p = createAuthProvider({ env });
    expect(p).toBeInstanceOf(ResourcePrincipalProvider);
    expect(p.summary()).toEqual({
      kind: 'resource_principal',
      region: 'us-ashburn-1',
      tenancy: 'ocid1.tenancy.oc1..rt',
    });
    expect(await p.getKeyId()).toBe(`ST$${jwt(claims)}`);
    expect(await (p as ResourcePrincipalProvider).getStringClaim('sub')).toBe('ocid1.fnfunc.oc1..f');
    expect(await defaultCompartmentId(p)).toBe('ocid1.compartment.oc1..rc');
    expectNoSecrets(p, [jwt(claims).slice(0, 40), 'PRIVATE KEY']);
  });

  it('re-reads the RPST and the key when the files are renewed (before the old token expires)', async () => {
    const { env, rpst, pem } = rpEnv();
    const p = createAuthProvider({ env });
    expect(p.getPrivateKey()).toBe(keyPem.trim());
    const renewed = { ...claims, res_compartment: 'ocid1.compartment.oc1..new', jti: 'renewed' };
    replace(rpst, jwt(renewed));
    replace(pem, key2Pem);
    expect(await p.getKeyId()).toBe(`ST$${jwt(renewed)}`);
    expect(p.getPrivateKey()).toBe(key2Pem.trim());
    expect(await defaultCompartmentId(p)).toBe('ocid1.compartment.oc1..new');
  });

  it('accepts a literal RPST and PEM (non-absolute values)', async () => {
    const p = createAuthProvider({
      env: {
        OCI_RESOURCE_PRINCIPAL_VERSION: '2.2',
        OCI_RESOURCE_PRINCIPAL_RPST: jwt(claims),
        OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM: keyPem,
        OCI_RESOURCE_PRINCIPAL_REGION: 'us-ashburn-1',
      },
    });
    expect(await p.getKeyId()).toBe(`ST$${jwt(claims)}`);
    expect(p.getTenantId()).toBe('ocid1.tenancy.oc1..rt');
  });

  it.each([
    [{ OCI_RESOURCE_PRINCIPAL_VERSION: '1.1' }, 'OCI_RESOURCE_PRINCIPAL_VERSION must be "2.2", got "1.1"'],
    [{ OCI_RESOURCE_PRINCIPAL_RPST: '' }, 'OCI_RESOURCE_PRINCIPAL_RPST is not set'],
    [{ OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM: undefined }, 'OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM is not set'],
    [{ OCI_RESOURCE_PRINCIPAL_REGION: undefined }, 'OCI_RESOURCE_PRINCIPAL_REGION is not set'],
    [{ OCI_RESOURCE_PRINCIPAL_RPST: '/nonexistent/rpst' }, 'cannot read RPST file /nonexistent/rpst: ENOENT'],
    [
      { OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM: 'not a key' },
      'OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM is not a usable PEM private key',
    ],
  ])('fails clearly on %o', (override, message) => {
    const { env } = rpEnv();
    expect(() => createAuthProvider({ env: { ...env, ...override } })).toThrow(message);
  });

  it('rejects an RPST file that is not a JWT without echoing it', () => {
    const { env } = rpEnv();
    const bad = write('rpst-bad', 'secret-token-value-not-jwt');
    let err: Error | undefined;
    try {
      createAuthProvider({ env: { ...env, OCI_RESOURCE_PRINCIPAL_RPST: bad } });
    } catch (e) {
      err = e as Error;
    }
    expect(err?.message).toBe(`RPST file ${bad} does not hold a JWT`);
  });
});
