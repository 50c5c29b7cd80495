/**
 * Object paths, built server-side from the caller's identity, and `oci://` URIs. Every input is
 * validated here, the shared/validate.ts way: a failure is a BadUserInputError naming the field and the rule.
 *
 * datasets/{seg}/{datasetId}/{filename}, models/{seg}/{modelId}/{filename},
 * logs/training/{jobId}/output.log, where {seg} = {@link userSegment}(userId).
 */
import { createHash } from 'node:crypto';
import { UnauthenticatedError } from '../errors.ts';
import { badInput } from '../validate.ts';

export const FILE_KINDS = ['DATASET', 'MODEL', 'LOG'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
/** A user segment: a plain id, or `_u` + 32 hex chars (the leading `_` is never a plain id). */
export const SEGMENT_PATTERN = /^(?:[A-Za-z0-9][A-Za-z0-9._-]{0,127}|_u[0-9a-f]{32})$/;
const MAX_USER_ID_BYTES = 256;
export const LOG_FILENAME = 'output.log';
const MAX_FILENAME_BYTES = 255;
// C0, DEL, C1 controls and the Unicode line/paragraph separators
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;
// invisible format characters (Unicode Cf): bidirectional controls (U+202A-U+202E, U+2066-U+2069,
// U+200E/F, U+061C), zero-width ones (U+200B-U+200D, U+2060, U+FEFF), soft hyphen: they make a
// name display as another (`invoice\u202Efdp.exe` shows as `invoiceexe.pdf`)
const FORMAT = /\p{Cf}/u;

/** An id (dataset, model, job): 1-128 chars of `[A-Za-z0-9._-]`, starting alphanumeric. */
export function requireId(value: string, field: string): string {
  if (!ID_PATTERN.test(value))
    throw badInput(
      field,
      `${field} must be 1-128 characters of letters, digits, ".", "_" or "-", starting with a letter or digit`,
    );
  return value;
}

/** A file name (no separators, controls or invisible formatting, at most 255 bytes); answers its NFC form. */
export function requireFilename(value: string, field: string): string {
  if (value === '') throw badInput(field, `${field} must be a non-empty string`);
  const name = value.normalize('NFC');
  const fail = (why: string) => badInput(field, `${field} ${why}`);
  if (name.includes('/') || name.includes('\\')) throw fail('must not contain path separators');
  if (name === '.' || name === '..') throw fail('must not be "." or ".."');
  if (CONTROL.test(name)) throw fail('must not contain control characters');
  if (FORMAT.test(name))
    throw fail('must not contain invisible formatting characters (bidirectional or zero-width controls)');
  if (name.trim() !== name || name.trim() === '') throw fail('must not start or end with whitespace');
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > MAX_FILENAME_BYTES) throw fail(`must be at most ${MAX_FILENAME_BYTES} bytes of UTF-8, got ${bytes}`);
  return name;
}

/** Options of {@link userSegment}. */
export interface UserSegmentOptions {
  /**
   * The input field the id came from (an admin's argument): a bad id is BAD_USER_INPUT naming it.
   * Absent: the id is the caller's own verified identity, and a bad one is UNAUTHENTICATED.
   */
  field?: string;
}

/**
 * The path segment, ledger key and ownership key of a user id (verified JWT `sub`s are often
 * emails or `auth0|123`). An id matching {@link ID_PATTERN} is its own segment (readable paths,
 * existing data); any other id (non-empty, ≤ 256 bytes of UTF-8, no control characters) maps to
 * `_u` + the first 32 hex chars of sha256(id). The two spaces cannot collide: a plain id never
 * starts with `_`.
 * @example userSegment('alice') // 'alice'
 * @example userSegment('alice@example.com') // '_u' + 32 hex chars
 */
export function userSegment(userId: unknown, options: UserSegmentOptions = {}): string {
  const fail = (why: string) =>
    options.field === undefined
      ? new UnauthenticatedError(`the caller's user id ${why}`)
      : badInput(options.field, `${options.field} ${why}`);
  if (typeof userId !== 'string' || userId === '') throw fail('must be a non-empty string');
  if (ID_PATTERN.test(userId)) return userId;
  if (CONTROL.test(userId)) throw fail('must not contain control characters');
  const bytes = Buffer.byteLength(userId, 'utf8');
  if (bytes > MAX_USER_ID_BYTES) throw fail(`must be at most ${MAX_USER_ID_BYTES} bytes of UTF-8, got ${bytes}`);
  return `_u${createHash('sha256').update(userId, 'utf8').digest('hex').slice(0, 32)}`;
}

/** A positive byte count. */
export function requireSize(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value <= 0)
    throw badInput(field, `${field} must be a positive integer number of bytes`);
  return value;
}

/** The parts of a user file path. `ownerSegment` is absent for logs (owned through the job record). */
export interface ObjectPathParts {
  kind: FileKind;
  /** The owner's {@link userSegment} (not the user id): compare with `userSegment(caller.userId)`. */
  ownerSegment?: string;
  collectionId: string;
  filename: string;
}

const PREFIX: Record<Exclude<FileKind, 'LOG'>, string> = { DATASET: 'datasets', MODEL: 'models' };

/** Folder of a collection (with trailing slash): where deleteDataset/deleteModel/files look. */
export function collectionPrefix(kind: FileKind, ownerSegment: string, collectionId?: string): string {
  if (kind === 'LOG') return collectionId === undefined ? 'logs/training/' : `logs/training/${collectionId}/`;
  const base = `${PREFIX[kind]}/${ownerSegment}/`;
  return collectionId === undefined ? base : `${base}${collectionId}/`;
}

/** Builds the object path for an upload from the caller's user id; validates every part. */
export function buildObjectPath(input: {
  kind: FileKind;
  userId: string;
  collectionId: string;
  filename: string;
}): ObjectPathParts & { path: string } {
  const kind = input.kind;
  const owner = userSegment(input.userId);
  const collectionId = requireId(input.collectionId, 'collectionId');
  if (kind === 'LOG') {
    if (input.filename !== LOG_FILENAME)
      throw badInput('filename', `filename of a training log must be "${LOG_FILENAME}"`);
    return { kind, collectionId, filename: LOG_FILENAME, path: `logs/training/${collectionId}/${LOG_FILENAME}` };
  }
  const filename = requireFilename(input.filename, 'filename');
  return {
    kind,
    ownerSegment: owner,
    collectionId,
    filename,
    path: `${collectionPrefix(kind, owner, collectionId)}${filename}`,
  };
}

/** Parses an object path back into its parts; `undefined` for paths outside the layout. */
export function parseObjectPath(path: string): ObjectPathParts | undefined {
  const parts = path.split('/');
  if (
    parts.length === 4 &&
    parts[0] === 'logs' &&
    parts[1] === 'training' &&
    parts[3] === LOG_FILENAME &&
    ID_PATTERN.test(parts[2]!)
  ) {
    return { kind: 'LOG', collectionId: parts[2]!, filename: LOG_FILENAME };
  }
  if (parts.length !== 4) return undefined;
  const [top, owner, collection, filename] = parts as [string, string, string, string];
  const kind = top === 'datasets' ? 'DATASET' : top === 'models' ? 'MODEL' : undefined;
  if (!kind || !SEGMENT_PATTERN.test(owner) || !ID_PATTERN.test(collection) || filename === '') return undefined;
  return { kind, ownerSegment: owner, collectionId: collection, filename };
}

/** `oci://{bucket}@{namespace}/{path}`: the form the OCI CLI and console use, and the exports' `objectUri`. */
export function formatUri(namespace: string, bucket: string, path: string): string {
  return `oci://${bucket}@${namespace}/${path}`;
}

/**
 * Parses an `oci://` URI of a user file in the expected namespace and bucket.
 * @throws BadUserInputError for another scheme, namespace, bucket, or a path outside the layout.
 */
export function parseUri(
  uri: string,
  expected: { namespace: string; bucket: string },
): ObjectPathParts & { path: string } {
  const bad = (why: string) => badInput('uri', `uri ${why}`);
  const m = /^oci:\/\/([^/@]+)@([^/@]+)\/(.+)$/.exec(uri);
  if (!m) throw bad('must look like oci://{bucket}@{namespace}/{path}');
  const [, bucket, namespace, path] = m as unknown as [string, string, string, string];
  if (namespace !== expected.namespace || bucket !== expected.bucket) {
    throw bad(`must name namespace "${expected.namespace}" and bucket "${expected.bucket}"`);
  }
  const parts = parseObjectPath(path);
  if (!parts)
    throw bad(
      'path is not a user file (datasets/{user}/{datasetId}/{file}, models/..., logs/training/{jobId}/output.log)',
    );
  if (parts.kind !== 'LOG' && requireFilename(parts.filename, 'filename') !== parts.filename)
    throw bad('filename is not in NFC form');
  return { ...parts, path };
}
