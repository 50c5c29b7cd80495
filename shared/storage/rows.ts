/**
 * What the quota ledger keeps, and the narrow versioned-row port it writes through. The port is a
 * projection of the shared persistence KeyValueTable (adapter in `tables.ts`): read a row with its
 * version; write only if the version is still the one read (or the row is still absent).
 */
import type { Versioned } from '../persistence/port.ts';
import type { FileKind } from './paths.ts';
import type { QuotaLimitOverrides, QuotaTier } from './rules.ts';

/** A row and the version that conditional writes must match (the persistence port's own type). */
export type { Versioned } from '../persistence/port.ts';

/** Conditional single-row storage. */
export interface RowStore<T> {
  get(key: string): Promise<Versioned<T> | undefined>;
  /**
   * Writes `value` if the row's version is still `expected` (`null`: the row must not exist).
   * Returns the new version, or `undefined` when the condition failed (someone else wrote first).
   */
  putIf(key: string, value: T, expected: string | null, options?: { ttlDays?: number }): Promise<string | undefined>;
  /** Deletes unconditionally (idempotency records only). */
  delete(key: string): Promise<void>;
}

/** A reservation of declared bytes for an object being uploaded, until `expiresAt`. */
export interface Reservation {
  bytes: number;
  admittedAt: number;
  expiresAt: number;
  /** The admission that made it (absent on rows written before admission ids). */
  admissionId?: string;
}

/**
 * An admission by id, kept {@link SETTLED_RETENTION_MS}: how a retried or cancelled admission finds out whether
 * it landed.
 */
export interface AdmissionRecord {
  admittedAt: number;
  cancelled?: true;
}

export type KindTotals = Record<FileKind, number>;

/** One row per user: limits, settled usage, reservations, recent admissions. */
export interface UsageRow {
  /** The row key: the user's `userSegment` (equal to the user id for plain ids). */
  userId: string;
  tier: QuotaTier;
  limits: QuotaLimitOverrides;
  usedBytes: number;
  usedByKind: KindTotals;
  filesByKind: KindTotals;
  /** By object path. */
  reservations: Record<string, Reservation>;
  /** Epoch ms of admissions in the last 24 h. */
  admissions: number[];
  /** Settlement deltas applied whose object row may still show them pending (id → epoch ms). */
  applied: Record<string, number>;
  /**
   * Tombstones of deltas whose object row was cleared (id → epoch ms), kept for
   * {@link SETTLED_RETENTION_MS} so a concurrent finisher that read the pending delta before it
   * was cleared cannot apply it again.
   */
  settled?: Record<string, number>;
  /**
   * Admissions of the last {@link SETTLED_RETENTION_MS} by admission id. A write whose answer was
   * lost is resolved by re-reading: the id is here if and only if that admission was applied.
   */
  admissionIds?: Record<string, AdmissionRecord>;
}

/** Longer than any call can hold a stale pending delta (OCI Functions time out at 300 s). */
export const SETTLED_RETENTION_MS = 10 * 60_000;

/** A settlement delta recorded on the object row before it is applied to the usage row. */
export interface PendingDelta {
  id: string;
  /** The owner's user segment (the usage row key). */
  userId: string;
  kind: FileKind;
  bytes: number;
  files: number;
  /** Last-modified (epoch ms) of the object seen; releases reservations admitted before it. */
  releaseUpTo?: number;
  /** Time (epoch ms) of a confirmed delete of the path; releases reservations admitted at or before it. */
  releaseDeletedAt?: number;
}

/** Per-object last-applied state: what the books count for this path. */
export interface ObjectRow {
  path: string;
  /** The owner's user segment. */
  userId: string;
  kind: FileKind;
  present: boolean;
  sizeBytes: number;
  eTag?: string;
  checkedAt: number;
  pending?: PendingDelta;
}

/** Idempotency record of a processed event id. */
export interface EventRow {
  eventId: string;
  at: number;
}

/** Owner of a training job's log folder. */
export interface JobOwnerRow {
  jobId: string;
  /** The owner's user segment (`userSegment(userId)`), not the raw id: settlement keys usage by it. */
  userId: string;
  createdAt: number;
}

export const zeroTotals = (): KindTotals => ({ DATASET: 0, MODEL: 0, LOG: 0 });

export function emptyUsage(userId: string): UsageRow {
  return {
    userId,
    tier: 'DEFAULT',
    limits: {},
    usedBytes: 0,
    usedByKind: zeroTotals(),
    filesByKind: zeroTotals(),
    reservations: {},
    admissions: [],
    applied: {},
  };
}
