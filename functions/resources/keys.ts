/**
 * SSH key pairs for launches without a key: Ed25519, public key as an OpenSSH line, private key in
 * the `openssh-key-v1` format (unencrypted) that `ssh -i` reads. The private key is returned to
 * the caller once and never stored or logged.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { badInput, requireString } from '#shared/validate.ts';

const OPENSSH_PUBLIC_KEY = /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/]+={0,3}( [^\r\n]*)?$/;

/** An OpenSSH public key line (ssh-ed25519, ssh-rsa, ecdsa-sha2-*), trimmed. */
export function requireSshPublicKey(value: string, field: string): string {
  const v = requireString(value, field, { max: 16_384 }).trim();
  if (!OPENSSH_PUBLIC_KEY.test(v))
    throw badInput(field, `${field} must be an OpenSSH public key (ssh-ed25519, ssh-rsa or ecdsa-sha2-*)`);
  return v;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}
const str = (b: Buffer | string): Buffer => {
  const buf = typeof b === 'string' ? Buffer.from(b) : b;
  return Buffer.concat([u32(buf.length), buf]);
};
const wrap = (b64: string) => b64.match(/.{1,70}/g)!.join('\n');

export interface SshKeyPair {
  publicKey: string;
  privateKey: string;
}

export function generateSshKeyPair(comment: string): SshKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const pub = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url');
  const pubBlob = Buffer.concat([str('ssh-ed25519'), str(pub)]);
  const check = randomBytes(4);
  let priv = Buffer.concat([check, check, str('ssh-ed25519'), str(pub), str(Buffer.concat([seed, pub])), str(comment)]);
  const pad = (8 - (priv.length % 8)) % 8;
  priv = Buffer.concat([priv, Buffer.from(Array.from({ length: pad }, (_, i) => i + 1))]);
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0'),
    str('none'),
    str('none'),
    str(''),
    u32(1),
    str(pubBlob),
    str(priv),
  ]);
  return {
    publicKey: `ssh-ed25519 ${pubBlob.toString('base64')} ${comment}`,
    privateKey:
      '-----BEGIN OPENSSH PRIVATE KEY-----\n' +
      `${wrap(body.toString('base64'))}\n` +
      '-----END OPENSSH PRIVATE KEY-----\n',
  };
}
