/**
 * The usage ledger: one row per user, changed only through conditional writes (see cas.ts).
 * Rows are keyed by the user's {@link userSegment} (settlement only knows the segment in the
 * object path); the ledger takes the real user id and the snapshot shows it.
 * Admission reserves the declared size until the upload URL expires; settlement (settlement.ts)
 * turns reservations into real sizes.
 */
import { randomUUID } from 'node:crypto';
import { ConflictError } from '../errors.ts';
import { badInput } from '../validate.ts';
import { updateRow, type UpdateRowOptions } from './cas.ts';
import { userSegment, type FileKind } from './paths.ts';
import { SETTLED_RETENTION_MS, emptyUsage, type RowStore, type UsageRow } from './rows.ts';
import {
  DAY_MS,
  HOUR_MS,
  LIMIT_KEYS,
  checkAdmission,
  countSince,
  effectiveLimits,
  type QuotaLimitOverrides,
  type QuotaLimits,
  type QuotaTier,
} from './rules.ts';

/** A user's quota as the API shows it. */
export interface QuotaSnapshot {
  userId: string;
  tier: QuotaTier;
  limits: QuotaLimits;
  usedBytes: number;
  reservedBytes: number;
  uploadsLastHour: number;
  uploadsLastDay: number;
  usedByKind: Record<FileKind, number>;
  filesByKind: Record<FileKind, number>;
}

/** Options of {@link createLedger}. */
export interface LedgerOptions {
  usage: RowStore<UsageRow>;
  /** Injectable clock (epoch ms). @default Date.now */
  now?: () => number;
  cas?: UpdateRowOptions;
}

/**
 * Drops expired reservations, admissions older than 24 h and old settlement tombstones (the row
 * never grows past a day of uploads).
 */
export function pruneUsage(row: UsageRow, nowMs: number): UsageRow {
  const reservations = Object.fromEntries(Object.entries(row.reservations).filter(([, r]) => r.expiresAt > nowMs));
  const settled = Object.fromEntries(
    Object.entries(row.settled ?? {}).filter(([, t]) => t > nowMs - SETTLED_RETENTION_MS),
  );
  const out: UsageRow = { ...row, reservations, settled, admissions: row.admissions.filter((t) => t > nowMs - DAY_MS) };
  if (row.admissionIds)
    out.admissionIds = Object.fromEntries(
      Object.entries(row.admissionIds).filter(([, a]) => a.admittedAt > nowMs - SETTLED_RETENTION_MS),
    );
  return out;
}

const reservedOf = (row: UsageRow, nowMs: number, except?: string) =>
  Object.entries(row.reservations).reduce((s, [p, r]) => (p !== except && r.expiresAt > nowMs ? s + r.bytes : s), 0);

/** The API view of a usage row; `userId` is the id asked about (the row only holds its segment). */
export function snapshotOf(row: UsageRow, nowMs: number, userId: string = row.userId): QuotaSnapshot {
  return {
    userId,
    tier: row.tier,
    limits: effectiveLimits(row.tier, row.limits),
    usedBytes: row.usedBytes,
    reservedBytes: reservedOf(row, nowMs),
    uploadsLastHour: countSince(row.admissions, nowMs, HOUR_MS),
    uploadsLastDay: countSince(row.admissions, nowMs, DAY_MS),
    usedByKind: { ...row.usedByKind },
    filesByKind: { ...row.filesByKind },
  };
}

export type Ledger = ReturnType<typeof createLedger>;

/**
 * Every method takes the real user id (a bad one is UNAUTHENTICATED: callers validate admin
 * arguments first with `userSegment(id, { field })`) and keys the row by its segment.
 * @example const ledger = createLedger({ usage: rowStore(usageTable, 'userId') });
 */
export function createLedger(options: LedgerOptions) {
  const now = options.now ?? Date.now;
  const { usage } = options;
  return {
    now,
    async snapshot(userId: string): Promise<QuotaSnapshot> {
      const key = userSegment(userId);
      const row = (await usage.get(key))?.value ?? emptyUsage(key);
      return snapshotOf(row, now(), userId);
    },

    /**
     * Admits an upload of `sizeBytes` to `path` or throws the first refusal. On success the bytes
     * are reserved until `expiresAt` and the admission counts in the rate windows. A new admission
     * for the same path replaces that path's earlier reservation.
     *
     * `admissionId` (a fresh random id per upload request) makes it idempotent: when a write's
     * answer is lost, the re-read row shows the id if it landed, and then nothing is written again.
     */
    async admit(a: {
      userId: string;
      path: string;
      sizeBytes: number;
      expiresAt: number;
      admissionId?: string;
    }): Promise<{ admittedAt: number; admissionId: string }> {
      const key = userSegment(a.userId);
      const admissionId = a.admissionId ?? randomUUID();
      return updateRow(
        usage,
        key,
        'upload admission',
        (cur) => {
          const done = cur?.value.admissionIds?.[admissionId];
          if (done) {
            if (done.cancelled) throw new ConflictError(`admission ${admissionId} was cancelled`);
            return { result: { admittedAt: done.admittedAt, admissionId } };
          }
          const t = now();
          const row = pruneUsage(cur?.value ?? emptyUsage(key), t);
          checkAdmission({
            limits: effectiveLimits(row.tier, row.limits),
            usedBytes: row.usedBytes,
            reservedBytes: reservedOf(row, t, a.path),
            admissions: row.admissions,
            sizeBytes: a.sizeBytes,
            nowMs: t,
          });
          const reservations = {
            ...row.reservations,
            [a.path]: { bytes: a.sizeBytes, admittedAt: t, expiresAt: a.expiresAt, admissionId },
          };
          const admissionIds = { ...row.admissionIds, [admissionId]: { admittedAt: t } };
          return {
            write: { ...row, reservations, admissions: [...row.admissions, t], admissionIds },
            result: { admittedAt: t, admissionId },
          };
        },
        options.cas,
      );
    },

    /**
     * Undoes an admission whose URL could not be issued: drops the reservation (if it is still the
     * one made at `admittedAt`) and that admission's timestamp. Nothing is left behind.
     * With `admissionId` it is exact and idempotent: an admission that never landed, or was
     * cancelled already, changes nothing (so a failed `admit` of unknown outcome can be cancelled).
     */
    async cancelAdmission(a: {
      userId: string;
      path: string;
      admittedAt?: number;
      admissionId?: string;
    }): Promise<void> {
      await updateRow(
        usage,
        userSegment(a.userId),
        'admission cancel',
        (cur) => {
          if (!cur) return { result: undefined };
          if (a.admissionId !== undefined) {
            const row = cur.value;
            const rec = row.admissionIds?.[a.admissionId];
            if (!rec || rec.cancelled) return { result: undefined };
            const reservations = { ...row.reservations };
            if (reservations[a.path]?.admissionId === a.admissionId) delete reservations[a.path];
            const i = row.admissions.lastIndexOf(rec.admittedAt);
            const admissions = i < 0 ? row.admissions : [...row.admissions.slice(0, i), ...row.admissions.slice(i + 1)];
            const admissionIds = {
              ...row.admissionIds,
              [a.admissionId]: { admittedAt: rec.admittedAt, cancelled: true as const },
            };
            return { write: { ...row, reservations, admissions, admissionIds }, result: undefined };
          }
          if (a.admittedAt === undefined) return { result: undefined };
          const row = cur.value;
          const r = row.reservations[a.path];
          const i = row.admissions.lastIndexOf(a.admittedAt);
          if (r?.admittedAt !== a.admittedAt && i < 0) return { result: undefined };
          const reservations = { ...row.reservations };
          if (r?.admittedAt === a.admittedAt) delete reservations[a.path];
          const admissions = i < 0 ? row.admissions : [...row.admissions.slice(0, i), ...row.admissions.slice(i + 1)];
          return { write: { ...row, reservations, admissions }, result: undefined };
        },
        options.cas,
      );
    },

    /** Admin: set the tier and/or limit overrides (`null` clears an override). Returns the new snapshot. */
    async setLimits(a: {
      userId: string;
      tier?: QuotaTier;
      limits?: Partial<Record<keyof QuotaLimits, number | null>>;
    }): Promise<QuotaSnapshot> {
      for (const k of LIMIT_KEYS) {
        const v = a.limits?.[k];
        if (v !== undefined && v !== null && (!Number.isSafeInteger(v) || v <= 0)) {
          throw badInput(`limits.${k}`, `limits.${k} must be a positive integer`);
        }
      }
      const key = userSegment(a.userId);
      return updateRow(
        usage,
        key,
        'quota limits update',
        (cur) => {
          const t = now();
          const row = pruneUsage(cur?.value ?? emptyUsage(key), t);
          const limits: QuotaLimitOverrides = { ...row.limits };
          for (const k of LIMIT_KEYS) {
            const v = a.limits?.[k];
            if (v === null) delete limits[k];
            else if (v !== undefined) limits[k] = v;
          }
          const next = { ...row, tier: a.tier ?? row.tier, limits };
          return { write: next, result: snapshotOf(next, t, a.userId) };
        },
        options.cas,
      );
    },
  };
}
