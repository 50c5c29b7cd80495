/** IPv4 CIDR arithmetic for VCNs, subnets and private IP allocation. */
import { OciErrors } from '../../core/errors.ts';

export interface Cidr {
  base: number;
  bits: number;
  size: number;
  text: string;
}

export function parseCidr(text: unknown, name: string, o: { minBits?: number } = {}): Cidr {
  const m = typeof text === 'string' ? /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text) : null;
  const parts = m ? m.slice(1, 5).map(Number) : [];
  const bits = m ? Number(m[5]) : -1;
  if (!m || parts.some((p) => p > 255) || bits < (o.minBits ?? 16) || bits > 30) {
    throw OciErrors.invalidParameter(
      `${name} '${String(text)}' is not an IPv4 CIDR block from /${o.minBits ?? 16} to /30`,
    );
  }
  const addr = ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
  if (bits === 0) return { base: 0, bits, size: 2 ** 32, text: text as string };
  const size = 2 ** (32 - bits);
  if (addr % size !== 0) throw OciErrors.invalidParameter(`${name} '${text}' has host bits set`);
  return { base: addr, bits, size, text: text as string };
}

export const ipText = (n: number): string => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');

export const contains = (outer: Cidr, inner: Cidr): boolean =>
  inner.base >= outer.base && inner.base + inner.size <= outer.base + outer.size;

export const overlaps = (a: Cidr, b: Cidr): boolean => a.base < b.base + b.size && b.base < a.base + a.size;

/** The first free host address (OCI reserves the first two and the last of each subnet). */
export function allocateIp(subnet: Cidr, used: Set<string>): string {
  for (let n = subnet.base + 2; n < subnet.base + subnet.size - 1; n++) {
    const ip = ipText(n);
    if (!used.has(ip)) return ip;
  }
  throw OciErrors.limitExceeded(`Subnet ${subnet.text} has no free private IP addresses`);
}
