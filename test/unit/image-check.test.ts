/**
 * The pure parts of the image check (scripts/image-check/): which base tag the stand-in gets, and
 * the search for the proxy CA in an image's files. The check itself is `npm run image:check`.
 */
import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import { dockerfileBase } from '../../scripts/image-check/base.ts';
import { extraCertificates, filesHolding } from '../../scripts/image-check/files.ts';

const dir = mkdtempSync(join(tmpdir(), 'image-check-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dockerfileBase', () => {
  it('reads the ARG NODE_IMAGE default and qualifies it as buildah stores it', () => {
    expect(dockerfileBase(readFileSync('Dockerfile', 'utf8')).named).toMatch(/^node:24\.\d+\.\d+-slim$/);
    expect(dockerfileBase('ARG NODE_IMAGE=node:24-slim\nFROM node\n')).toEqual({
      named: 'node:24-slim',
      qualified: 'docker.io/library/node:24-slim',
    });
    expect(dockerfileBase('ARG NODE_IMAGE=acme/node:24\n').qualified).toBe('docker.io/acme/node:24');
    expect(dockerfileBase('ARG NODE_IMAGE=iad.ocir.io/ns/node:24-slim\n').qualified).toBe(
      'iad.ocir.io/ns/node:24-slim',
    );
    expect(() => dockerfileBase('FROM node:24\n')).toThrow(/ARG NODE_IMAGE/);
  });
});

describe('the proxy CA search', () => {
  const pem = rootCertificates[0]!;
  const body = pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');

  it('counts as extra only the certificates Node does not ship', () => {
    const bundle = join(dir, 'bundle.crt');
    writeFileSync(bundle, `${rootCertificates[1]}\n${pem}\n`);
    expect(extraCertificates(bundle)).toEqual([]);
  });

  it('finds a certificate copied into an image as PEM or DER, and nothing in clean files', () => {
    const root = join(dir, 'rootfs');
    mkdirSync(join(root, 'etc/ssl'), { recursive: true });
    mkdirSync(join(root, 'function'), { recursive: true });
    writeFileSync(join(root, 'function/clean.txt'), 'nothing to see');
    expect(filesHolding(root, [body])).toEqual([]);
    writeFileSync(join(root, 'etc/ssl/proxy.pem'), `# proxy\n${pem}`);
    writeFileSync(join(root, 'function/ca.der'), Buffer.concat([Buffer.from('xx'), new X509Certificate(pem).raw]));
    expect(filesHolding(root, [body]).sort()).toEqual(['/etc/ssl/proxy.pem', '/function/ca.der']);
  });
});
