/**
 * Row values against a table schema: type checks for puts, typing of `col:value` keys from
 * GetRow/DeleteRow query strings, and the primary-key encoding used as the record key.
 */
import { OciErrors } from '../../core/errors.ts';
import type { ColumnDef } from './ddl.ts';

export interface SchemaLike {
  columns: ColumnDef[];
  primaryKey: string[];
}
export type RowValue = Record<string, unknown>;

const INT32 = 2 ** 31;

/** Check (and normalise) one column value; throws 400 naming the column on a mismatch. */
export function checkValue(col: ColumnDef, v: unknown): unknown {
  const bad = (want: string): never => {
    throw OciErrors.invalidParameter(
      `Column ${col.name} is of type ${col.type} and needs ${want}; got ${JSON.stringify(v)?.slice(0, 60)}`,
    );
  };
  if (v === null || v === undefined) {
    if (!col.nullable) throw OciErrors.invalidParameter(`Column ${col.name} must not be null`);
    return null;
  }
  switch (col.type) {
    case 'STRING':
      return typeof v === 'string' ? v : bad('a string');
    case 'INTEGER':
      return typeof v === 'number' && Number.isInteger(v) && v >= -INT32 && v < INT32 ? v : bad('a 32-bit integer');
    case 'LONG':
      return typeof v === 'number' && Number.isSafeInteger(v) ? v : bad('an integer');
    case 'DOUBLE':
    case 'NUMBER':
      return typeof v === 'number' && Number.isFinite(v) ? v : bad('a number');
    case 'BOOLEAN':
      return typeof v === 'boolean' ? v : bad('a boolean');
    case 'JSON':
      return v;
    case 'BINARY':
      return typeof v === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(v) ? v : bad('a base64 string');
    case 'TIMESTAMP': {
      if (typeof v !== 'string' && typeof v !== 'number') bad('an ISO-8601 timestamp string');
      const d = new Date(v as string | number);
      return Number.isNaN(d.getTime()) ? bad('an ISO-8601 timestamp string') : d.toISOString();
    }
  }
}

function findColumn(schema: SchemaLike, name: string): ColumnDef | undefined {
  const l = name.toLowerCase();
  return schema.columns.find((c) => c.name.toLowerCase() === l);
}

/**
 * A full row for a put: every schema column present (null or default when absent), types
 * checked. Unknown fields are dropped, or refused with `exactMatch`.
 */
export function normaliseRow(schema: SchemaLike, value: unknown, options: { exactMatch?: boolean } = {}): RowValue {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw OciErrors.invalidParameter('value must be a JSON object of column values');
  const given = new Map(Object.entries(value as RowValue).map(([k, v]) => [k.toLowerCase(), { k, v }]));
  const out: RowValue = {};
  for (const col of schema.columns) {
    const g = given.get(col.name.toLowerCase());
    given.delete(col.name.toLowerCase());
    if (schema.primaryKey.includes(col.name) && (g === undefined || g.v === null)) {
      throw OciErrors.invalidParameter(`value must contain the primary key column ${col.name}`);
    }
    out[col.name] = checkValue(col, g === undefined ? (col.defaultValue ?? null) : g.v);
  }
  if (options.exactMatch && given.size > 0) {
    throw OciErrors.invalidParameter(
      `value has fields that are not columns of the table: ${[...given.values()].map((g) => g.k).join(', ')}`,
    );
  }
  return out;
}

/** The record key of a row: its primary key values, in key order, as JSON. */
export function encodeKey(schema: SchemaLike, row: RowValue): string {
  return JSON.stringify(schema.primaryKey.map((k) => row[k]));
}

/**
 * Parse GetRow/DeleteRow `key` params (`column:value`, split at the first colon; the value is
 * taken as sent: oci-sdk does not encode query values, so '+' stays '+') and type them by the
 * schema. The full primary key is required, nothing else.
 */
export function parseKeyParams(schema: SchemaLike, params: string[]): RowValue {
  if (params.length === 0) throw OciErrors.missingParameter('key is required (repeated column:value)');
  const row: RowValue = {};
  for (const p of params) {
    const i = p.indexOf(':');
    if (i <= 0) throw OciErrors.invalidParameter(`key '${p}' must have the form column:value`);
    const name = p.slice(0, i);
    const raw = p.slice(i + 1);
    const col = findColumn(schema, name);
    if (!col || !schema.primaryKey.includes(col.name))
      throw OciErrors.invalidParameter(
        `key column ${name} is not part of the primary key (${schema.primaryKey.join(', ')})`,
      );
    if (col.name in row) throw OciErrors.invalidParameter(`key column ${name} is given twice`);
    row[col.name] = checkValue(col, typedFromString(col, raw));
  }
  for (const k of schema.primaryKey)
    if (!(k in row)) throw OciErrors.invalidParameter(`key must contain the primary key column ${k}`);
  return row;
}

function typedFromString(col: ColumnDef, raw: string): unknown {
  switch (col.type) {
    case 'INTEGER':
    case 'LONG':
    case 'DOUBLE':
    case 'NUMBER': {
      const n = raw.trim() === '' ? Number.NaN : Number(raw);
      if (Number.isNaN(n))
        throw OciErrors.invalidParameter(`key column ${col.name} is of type ${col.type}; '${raw}' is not a number`);
      return n;
    }
    case 'BOOLEAN':
      if (raw !== 'true' && raw !== 'false')
        throw OciErrors.invalidParameter(`key column ${col.name} is BOOLEAN; '${raw}' is not true/false`);
      return raw === 'true';
    default:
      return raw;
  }
}
