/**
 * Custom scalars shared by every subschema and the gateway (declared in `schema/scalars.graphql`).
 *
 * - `SafeInt`: an integer in ±(2^53 − 1) (`Number.MAX_SAFE_INTEGER`), always a JSON number on the
 *   wire. Use it for byte counts and other values beyond 32 bits (GraphQL `Int` stops at 2^31 − 1);
 *   1 TiB = 2^40 fits with room to spare. Resolvers may return a number, a bigint or a decimal
 *   string (NoSQL LONG columns); anything non-integral or unsafe is an error, never rounded.
 * - `DateTime`: an RFC 3339 date-time with an offset (`2024-05-01T12:00:00Z`). Serialised as the UTC
 *   `toISOString()` form; parsed into a `Date`. Resolvers may return a `Date`, an RFC 3339 string
 *   or epoch milliseconds.
 */
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { ErrorCode } from '../errors.ts';

const badInput = (message: string, node?: ValueNode) =>
  new GraphQLError(message, { nodes: node ? [node] : undefined, extensions: { code: ErrorCode.BadUserInput } });

function toSafeInt(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === 'bigint')
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : undefined;
  if (typeof value === 'string' && /^-?\d{1,16}$/.test(value)) return toSafeInt(Number(value));
  return undefined;
}

export const SafeIntScalar = new GraphQLScalarType<number, number>({
  name: 'SafeInt',
  description: 'An integer between -(2^53-1) and 2^53-1 (JSON number); used for byte counts beyond 32 bits.',
  specifiedByURL: 'https://tc39.es/ecma262/#sec-number.issafeinteger',
  serialize(value) {
    const n = toSafeInt(value);
    if (n === undefined)
      throw new GraphQLError(`SafeInt cannot represent ${JSON.stringify(String(value))}: not a safe integer`);
    return n;
  },
  parseValue(value) {
    // Variables arrive as JSON: only a JSON number is accepted, never a string.
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      throw badInput(
        `SafeInt must be an integer between -${Number.MAX_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}, ` +
          `got ${JSON.stringify(value)}`,
      );
    }
    return value;
  },
  parseLiteral(node) {
    const n = node.kind === Kind.INT ? Number(node.value) : Number.NaN;
    if (node.kind !== Kind.INT || !Number.isSafeInteger(n)) {
      throw badInput(
        `SafeInt must be an integer literal between -${Number.MAX_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`,
        node,
      );
    }
    return n;
  },
});

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: string): Date | undefined {
  if (!RFC3339.test(value)) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An RFC 3339 date-time with offset, e.g. 2024-05-01T12:00:00.000Z (always UTC on output).',
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
  serialize(value) {
    const d =
      value instanceof Date
        ? value
        : typeof value === 'string'
          ? parseDateTime(value)
          : typeof value === 'number'
            ? new Date(value)
            : undefined;
    if (!d || Number.isNaN(d.getTime()))
      throw new GraphQLError(`DateTime cannot represent ${JSON.stringify(String(value))}`);
    return d.toISOString();
  },
  parseValue(value) {
    const d = typeof value === 'string' ? parseDateTime(value) : undefined;
    if (!d)
      throw badInput(
        `DateTime must be an RFC 3339 date-time string such as 2024-05-01T12:00:00Z, got ${JSON.stringify(value)}`,
      );
    return d;
  },
  parseLiteral(node) {
    const d = node.kind === Kind.STRING ? parseDateTime(node.value) : undefined;
    if (!d) throw badInput('DateTime must be an RFC 3339 date-time string such as 2024-05-01T12:00:00Z', node);
    return d;
  },
});

/** Resolver map for `makeExecutableSchema({ resolvers: [scalarResolvers, ...] })`. */
export const scalarResolvers = { SafeInt: SafeIntScalar, DateTime: DateTimeScalar } as const;
