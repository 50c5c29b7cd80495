/**
 * The web app in a real browser (chromium through playwright-core) against the whole local stack:
 * sign in, the seeded instances with health, charts, stop and start, an upload (single and
 * multipart) that moves the quota, an export to the end, a viewer refused an operator action,
 * `/#token=` sign-in, and GraphiQL opening without an error.
 * UPDATE_DOCS_SCREENSHOT=1 also writes docs/dashboard.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as common from 'oci-common';
import { startApiGateway } from '#local/apigw/index.ts';
import { createInvokeClient } from '#local/invoke/index.ts';
import { createLogger } from '#shared/log.ts';
import { launchBrowser, screenshotOnFailure, type BrowserFixture } from '../helpers/browser.ts';
import { startTestIssuer } from '../helpers/oidc-issuer.ts';
import { startStackFixture, type StackFixture } from '../helpers/stack.ts';

const MiB = 1024 * 1024;
let fx: StackFixture;
let br: BrowserFixture;
let base: string;

beforeAll(async () => {
  const saved = process.env.EMULATOR_TRANSITION_MS;
  process.env.EMULATOR_TRANSITION_MS = '300';
  try {
    fx = await startStackFixture({
      require: ['gateway', 'resources', 'presign', 'quota', 'exports'],
      functionEnv: { MULTIPART_THRESHOLD_BYTES: String(20 * MiB), MULTIPART_PART_BYTES: String(10 * MiB) },
    });
  } finally {
    if (saved === undefined) delete process.env.EMULATOR_TRANSITION_MS;
    else process.env.EMULATOR_TRANSITION_MS = saved;
  }
  base = fx.stack.urls.apigw;
  br = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await br?.close();
  await fx?.stop();
});

async function signIn(page: Page, user: string, role: 'viewer' | 'operator' | 'admin'): Promise<void> {
  await page.goto(`${base}/`);
  await page.getByLabel('User').fill(user);
  await page.getByLabel('Role').selectOption(role);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect
    .poll(() => page.locator('[data-who]').textContent(), { timeout: 20_000 })
    .toBe(`${user} · ${role.toUpperCase()}`);
}

const row = (page: Page, name: string) => page.locator(`tr[data-resource="${name}"]`);
const unique = (p: string) => `${p}-${process.pid}-${Date.now().toString(36)}`;

describe('the dashboard in chromium', () => {
  it('signs in locally and shows the seeded resources with health, the summary and charts', async () => {
    const page = await br.page();
    screenshotOnFailure(page, 'dashboard-resources');
    await signIn(page, unique('ops'), 'operator');
    await expect.poll(() => row(page, 'web-1').count(), { timeout: 30_000 }).toBe(1);
    expect(await row(page, 'web-1').locator('[data-health]').getAttribute('data-health')).toMatch(
      /^(HEALTHY|DEGRADED)$/,
    );
    expect(await row(page, 'web-3').locator('[data-health]').getAttribute('data-health')).toBe('DOWN');
    expect(await row(page, 'web-3').locator('[data-state]').textContent()).toBe('STOPPED');
    for (const name of ['edge-lb', 'prod-web-lb']) expect(await row(page, name).count(), name).toBe(1);
    const down = Number(await page.locator('[data-summary="DOWN"]').textContent());
    expect(down).toBeGreaterThan(0);
    // the tree: picking a compartment narrows the list
    await page.getByRole('tree').getByRole('button', { name: 'prod-web-canary', exact: true }).click();
    await expect.poll(() => row(page, 'web-1').count()).toBe(0);
    await expect.poll(() => row(page, 'canary-1').count()).toBe(1);
    await page.getByRole('tree').getByRole('button', { name: 'prod-web', exact: true }).click();
    await expect.poll(() => row(page, 'web-1').count(), { timeout: 20_000 }).toBe(1);
    // charts: CPU, memory, network from `metrics`
    await page.getByRole('button', { name: 'Charts of web-1' }).click();
    await expect.poll(() => page.locator('figure.chart canvas').count(), { timeout: 20_000 }).toBe(4);
    await page.getByLabel('Window').selectOption({ label: 'last 24 hours' });
    await expect.poll(() => page.locator('figure.chart canvas').count(), { timeout: 20_000 }).toBe(4);
    if (process.env.UPDATE_DOCS_SCREENSHOT) {
      mkdirSync('docs', { recursive: true });
      await page.getByRole('tree').getByRole('button', { name: 'demo', exact: true }).click();
      await expect.poll(() => row(page, 'web-1').count(), { timeout: 20_000 }).toBe(1);
      await page.getByRole('button', { name: 'Charts of web-1' }).click();
      await expect.poll(() => page.locator('figure.chart canvas').count(), { timeout: 20_000 }).toBe(4);
      await page.screenshot({ path: 'docs/dashboard.png', fullPage: true });
    }
  });

  it('stops and starts an instance, showing the state until it settles', async () => {
    const page = await br.page();
    screenshotOnFailure(page, 'dashboard-stop-start');
    await signIn(page, unique('ops'), 'operator');
    await expect.poll(() => row(page, 'web-2').count(), { timeout: 30_000 }).toBe(1);
    await page.getByRole('button', { name: 'Stop web-2' }).click();
    await expect
      .poll(() => row(page, 'web-2').locator('[data-state]').textContent(), { timeout: 30_000 })
      .toBe('STOPPED');
    expect(await row(page, 'web-2').getByRole('status').count()).toBe(0); // the pending note is gone once settled
    await page.getByRole('button', { name: 'Start web-2' }).click();
    await expect
      .poll(() => row(page, 'web-2').locator('[data-state]').textContent(), { timeout: 30_000 })
      .toBe('RUNNING');
  });

  it('refuses a viewer the operator action, in words and with the code', async () => {
    const page = await br.page();
    screenshotOnFailure(page, 'dashboard-viewer');
    await signIn(page, unique('viewer'), 'viewer');
    await expect.poll(() => row(page, 'web-1').count(), { timeout: 30_000 }).toBe(1);
    await page.getByRole('button', { name: 'Stop web-1' }).click();
    const alert = row(page, 'web-1').getByRole('alert');
    await expect
      .poll(() => alert.textContent(), { timeout: 20_000 })
      .toMatch(/Not allowed: this needs the OPERATOR role\.\s*FORBIDDEN/);
    expect(await row(page, 'web-1').locator('[data-state]').textContent()).toBe('RUNNING');
  });

  // single and multipart uploads from the browser: on a loaded 2-core machine this test once passed 60 s
  it('uploads files through the PAR (single and multipart) and ' +
    'the quota gauge follows; download and delete', async () => {
    const page = await br.page();
    screenshotOnFailure(page, 'dashboard-files');
    await signIn(page, unique('files'), 'operator');
    await page.getByRole('tab', { name: 'Files' }).click();
    const storage = page.locator('[data-gauge="storage"] .figures');
    await expect.poll(() => storage.textContent(), { timeout: 20_000 }).toMatch(/^0 B of 100 GiB/);
    await page.getByLabel('Collection').fill('ds1');
    await page
      .getByLabel('Upload a file')
      .setInputFiles({ name: 'small.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n'.repeat(1000)) });
    await expect.poll(() => page.locator('tr[data-file="small.csv"]').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => storage.textContent(), { timeout: 30_000 }).toMatch(/^7\.8 KiB of/);
    await expect.poll(() => page.locator('[data-gauge="hourly"] .figures').textContent()).toMatch(/^1 of /);
    // 21 MiB: above the 20 MiB threshold, three parts through the PAR multipart protocol
    await page
      .getByLabel('Upload a file')
      .setInputFiles({ name: 'big.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(21 * MiB, 7) });
    await expect.poll(() => page.locator('tr[data-file="big.bin"]').count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => storage.textContent(), { timeout: 30_000 }).toMatch(/^21\.0 MiB of/);
    // download opens the read PAR in a new tab; the object's bytes come back
    const response = page.context().waitForEvent('response', (r) => r.url().includes('/b/user-files/o/'));
    await page.getByRole('button', { name: 'Download small.csv' }).click();
    const r = await response;
    expect(r.url()).toMatch(/\/p\/[^/]+\/n\/[^/]+\/b\/user-files\/o\/datasets\/.+\/ds1\/small\.csv$/);
    expect(r.status()).toBe(200);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Delete big.bin' }).click();
    await expect.poll(() => page.locator('tr[data-file="big.bin"]').count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => storage.textContent(), { timeout: 30_000 }).toMatch(/^7\.8 KiB of/);
  }, 120_000);

  it('exports an instance: start, progress to SUCCEEDED, download offered', async () => {
    const page = await br.page();
    screenshotOnFailure(page, 'dashboard-exports');
    await signIn(page, unique('exp'), 'operator');
    await page.getByRole('tab', { name: 'Exports' }).click();
    await page.getByLabel('Instance').selectOption({ label: 'web-1' });
    await page.getByLabel('Format').selectOption('VMDK');
    await page.getByRole('button', { name: 'Start export' }).click();
    const job = page.locator('tr[data-job]').first();
    await expect.poll(() => job.locator('th').textContent(), { timeout: 20_000 }).toBe('web-1');
    await expect.poll(() => job.getAttribute('data-state'), { timeout: 120_000 }).toBe('SUCCEEDED');
    expect(await job.getByRole('progressbar').getAttribute('value')).toBe('100');
    expect(await job.getByRole('button', { name: 'Download' }).count()).toBe(1);
  });

  it('launches an instance and shows the generated private key once, with a download button', async () => {
    const page = await br.page();
    screenshotOnFailure(page, 'dashboard-launch');
    await signIn(page, unique('launch'), 'operator');
    await page.getByRole('tab', { name: 'Launch' }).click();
    const name = unique('vm');
    await page.getByLabel('Name', { exact: true }).fill(name);
    const select = page.locator('select[name="compartmentId"]');
    await select.locator('option').first().waitFor({ state: 'attached' });
    const paths = await select.locator('option').allTextContents();
    const dev = paths.find((p) => p.endsWith('/demo/dev'));
    expect(dev, `compartments: ${paths.join(', ')}`).toBeDefined();
    await select.selectOption({ label: dev! });
    await page.getByRole('button', { name: 'Launch' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 60_000 })
      .toMatch(new RegExp(`Launched ${name}`));
    expect(await page.getByText('This private key is shown once and never stored.').count()).toBe(1);
    expect(await page.getByLabel('Generated private key').inputValue()).toMatch(
      /^-----BEGIN (RSA |OPENSSH )?PRIVATE KEY-----/,
    );
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download the private key' }).click();
    expect((await download).suggestedFilename()).toBe(`${name}.key`);
  });

  it('accepts /#token=<jwt> and clears it from the address bar', async () => {
    const page = await br.page();
    screenshotOnFailure(page, 'dashboard-hash-token');
    const user = unique('hash');
    await page.goto(`${base}/#token=${await fx.token({ sub: user, roles: ['admin'] })}`);
    await expect.poll(() => page.locator('[data-who]').textContent(), { timeout: 20_000 }).toBe(`${user} · ADMIN`);
    expect(new URL(page.url()).hash).toBe('');
  });
});

describe('OIDC sign-in (authorization code + PKCE) against a local issuer', () => {
  it('signs in through the issuer; the API Gateway front validates its token and maps the roles claim', async () => {
    const clientId = 'dashboard-web',
      audience = 'oci-graphql-api',
      sub = unique('oidc');
    const idp = await startTestIssuer({ clientId, audience, user: { sub, roles: ['operator'] } });
    // a front configured as on OCI: the JWT policy trusts the issuer, the app is told to use OIDC, no dev issuer
    const front = await startApiGateway({
      port: 0,
      functions: { gateway: fx.stack.functionIds.gateway! },
      invoker: createInvokeClient({
        endpoint: fx.stack.urls.emulator,
        auth: new common.ConfigFileAuthenticationDetailsProvider(fx.stack.ociConfigFile, 'DEFAULT'),
      }),
      jwt: { issuer: idp.issuer, audience, jwks: idp.jwks },
      web: {
        dir: join(process.cwd(), 'dist', 'web'),
        config: { auth: 'oidc', graphqlUrl: '/graphql', issuer: idp.issuer, clientId, rolesClaim: 'roles' },
      },
      log: createLogger({ level: 'error' }),
    });
    const page = await br.page();
    screenshotOnFailure(page, 'oidc-sign-in');
    try {
      await page.goto(`${front.url}/`);
      expect(await page.getByText('Sign in with your organisation').count()).toBe(1);
      // no dev sign-in here
      expect((await fetch(`${front.url}/dev/token`, { method: 'POST', body: '{}' })).status).toBe(404);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.locator('[data-who]').textContent(), { timeout: 30_000 }).toBe(`${sub} · OPERATOR`);
      expect(idp.tokenRequests).toEqual([{ pkceOk: true }]);
      expect(new URL(page.url()).search).toBe(''); // code and state removed from the address bar
      await expect.poll(() => row(page, 'web-1').count(), { timeout: 30_000 }).toBe(1);
    } finally {
      await front.close();
      await idp.close();
    }
  });
});

describe('GraphiQL in chromium', () => {
  it('opens signed in: the Docs explorer has the schema and the default query answers, no error', async () => {
    const page = await br.page();
    screenshotOnFailure(page, 'graphiql');
    await page.goto(`${base}/graphql`);
    await page
      .getByRole('button', { name: /Show Documentation Explorer|Docs/i })
      .first()
      .click();
    await expect
      .poll(() => page.getByText('The OCI GraphQL API', { exact: false }).count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await page
      .getByRole('button', { name: /Execute query|Run/i })
      .first()
      .click();
    await expect
      .poll(() => page.locator('.graphiql-response, .result-window').first().textContent(), { timeout: 30_000 })
      .toMatch(/"userId":\s*"dev-user"/);
    // innerText is what a person sees; textContent would include the inlined scripts
    // biome-ignore lint/performance/useDomNodeTextContent: what a person sees
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/Error fetching schema|RESPONSE_VALIDATION_FAILED|missing bearer token/);
  });
});
