/** LaunchInstance `metadata`: ssh_authorized_keys and user_data checks (OCI caps it at 32 KB). */
import { OciErrors } from '../../core/errors.ts';
import { obj } from '../resource-kit/validate.ts';

const SSH_KEY_TYPE =
  /ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com/;
const SSH_KEY = new RegExp(`^(${SSH_KEY_TYPE.source}) [A-Za-z0-9+/]+={0,3}( .*)?$`);

export function validateMetadata(raw: unknown): Record<string, string> {
  const md = obj(raw, 'metadata');
  let size = 0;
  for (const [k, v] of Object.entries(md)) {
    if (typeof v !== 'string') throw OciErrors.invalidParameter(`metadata.${k} must be a string`);
    size += k.length + v.length;
  }
  if (size > 32_000) throw OciErrors.invalidParameter('metadata must be at most 32,000 bytes in total');
  const keys = md.ssh_authorized_keys as string | undefined;
  if (keys !== undefined) {
    const lines = keys
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    if (!lines.length) throw OciErrors.invalidParameter('metadata.ssh_authorized_keys is empty');
    lines.forEach((l, i) => {
      if (!SSH_KEY.test(l))
        throw OciErrors.invalidParameter(`metadata.ssh_authorized_keys line ${i + 1} is not an OpenSSH public key`);
    });
  }
  const ud = md.user_data as string | undefined;
  if (ud !== undefined && (!/^[A-Za-z0-9+/]*={0,2}$/.test(ud) || ud.length % 4 !== 0)) {
    throw OciErrors.invalidParameter('metadata.user_data must be base64-encoded');
  }
  return md as Record<string, string>;
}
