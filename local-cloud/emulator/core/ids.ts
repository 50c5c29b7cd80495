import { randomBytes, randomUUID } from 'node:crypto';

const B32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** A random lower-case base32 string, the alphabet OCIDs use. */
export function base32(len: number): string {
  const bytes = randomBytes(len);
  let out = '';
  for (let i = 0; i < len; i++) out += B32[bytes[i]! % 32];
  return out;
}

export const LOCAL_REGION = { id: 'us-ashburn-1', key: 'iad' } as const;

/** `ocid1.<type>.oc1.<region>.<unique>`; tenancy-level resources have an empty region part. */
export function newOcid(type: string, options: { regional?: boolean } = {}): string {
  const region = options.regional === false ? '' : LOCAL_REGION.key;
  return `ocid1.${type}.oc1.${region}.aaaaaaaa${base32(52)}`;
}

/** OCID syntax check: `ocid1.<type>.<realm>.[region][.future].<unique>`. */
export function isOcid(value: unknown, type?: string): value is string {
  if (typeof value !== 'string') return false;
  const m = /^ocid1\.([a-z0-9_-]+)\.[a-z0-9]+\.[a-z0-9-]*(\.[a-z0-9-]+)?\.[a-z0-9]{1,255}$/.exec(value);
  return m !== null && (type === undefined || m[1] === type);
}

/** OCI-style request ids: 32 upper-case hex characters. */
export function newRequestId(): string {
  return randomUUID().replace(/-/g, '').toUpperCase();
}

export function newEtag(): string {
  return randomUUID();
}
