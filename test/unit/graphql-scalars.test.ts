import { Kind } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DateTimeScalar, SafeIntScalar, hasRole, knownRoles, requireRole } from '../../shared/graphql/index.ts';
import { ForbiddenError } from '../../shared/errors.ts';

describe('SafeInt', () => {
  it('serialises safe integers from numbers, bigints and decimal strings', () => {
    expect(SafeIntScalar.serialize(2 ** 40)).toBe(2 ** 40);
    expect(SafeIntScalar.serialize(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(SafeIntScalar.serialize('1099511627776')).toBe(1099511627776);
  });

  it('refuses unsafe, fractional and non-numeric values instead of rounding', () => {
    for (const v of [2 ** 53, 1.5, 'abc', BigInt(2) ** BigInt(60), null])
      expect(() => SafeIntScalar.serialize(v)).toThrow(/SafeInt cannot represent/);
    expect(() => SafeIntScalar.parseValue('12')).toThrow(/must be an integer/);
    expect(() => SafeIntScalar.parseValue(2 ** 53)).toThrow(/must be an integer/);
    expect(() => SafeIntScalar.parseLiteral({ kind: Kind.INT, value: '9007199254740993' })).toThrow(/integer literal/);
    expect(SafeIntScalar.parseLiteral({ kind: Kind.INT, value: '1099511627776' })).toBe(2 ** 40);
  });
});

describe('DateTime', () => {
  it('serialises dates, RFC 3339 strings and epoch ms as UTC ISO strings', () => {
    expect(DateTimeScalar.serialize(new Date(Date.UTC(2024, 4, 1)))).toBe('2024-05-01T00:00:00.000Z');
    expect(DateTimeScalar.serialize('2024-05-01T02:00:00+02:00')).toBe('2024-05-01T00:00:00.000Z');
    expect(DateTimeScalar.serialize(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(() => DateTimeScalar.serialize('yesterday')).toThrow(/DateTime cannot represent/);
  });

  it('parses only RFC 3339 date-times with an offset', () => {
    expect(DateTimeScalar.parseValue('2024-05-01T12:00:00Z')).toEqual(new Date(Date.UTC(2024, 4, 1, 12)));
    for (const v of ['2024-05-01', '2024-05-01T12:00:00', '2024-13-01T00:00:00Z', 1714560000000]) {
      expect(() => DateTimeScalar.parseValue(v)).toThrow(/RFC 3339/);
    }
  });
});

describe('roles', () => {
  it('orders viewer < operator < admin', () => {
    const op = { userId: 'u', roles: knownRoles(['operator']) };
    expect(hasRole(op, 'viewer')).toBe(true);
    expect(hasRole(op, 'operator')).toBe(true);
    expect(hasRole(op, 'admin')).toBe(false);
    expect(hasRole(undefined, 'viewer')).toBe(false);
    expect(() => requireRole(op, 'admin')).toThrow(ForbiddenError);
    expect(() => requireRole({ userId: 'u', roles: [] }, 'viewer')).toThrow(/requires the viewer role/);
  });

  it('keeps known roles only, deduplicated, lowest first', () => {
    expect(knownRoles(['admin', ' viewer', 'root', 'admin', ''])).toEqual(['viewer', 'admin']);
  });
});
