/**
 * Settlement: keeps `usedBytes` equal to what is in the bucket.
 *
 * Object events carry no size, so every event is a trigger to *reconcile* its object: HEAD it and
 * make the books count exactly what the bucket holds now (size, or 0 when gone). That is
 * idempotent and order-independent by construction: a duplicated event finds nothing to change; a
 * delete arriving before its create, or an older eTag's create after a newer one, HEADs the
 * current object and changes nothing stale. Concurrent reconciles of one path are serialised by
 * the object row's version (the loser re-reads and re-HEADs, so the last write wins with the
 * newest HEAD).
 *
 * The object row (per path: last-applied present/size/eTag) and the user's usage row are two rows,
 * so a change goes through a pending delta: (1) write the new object state plus `pending` to the
 * object row, (2) apply the delta to the usage row unless its id is in `usage.applied`, recording
 * it, (3) clear `pending`, (4) move the id to short-lived tombstones (`settled`, 10 min: a
 * concurrent finisher that read the pending delta before (3) still finds it). A crash between steps leaves
 * `pending`, which the retry (the Events router redelivers on failure) or any later reconcile of the path finishes;
 * step (2) is guarded by the id, so no delta applies twice. Idempotency records: event ids (with a
 * TTL) short-cut duplicates, and a create/update whose eTag the object row already holds skips the HEAD.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from '../log.ts';
import type { ObjectStore } from '../storage/port.ts';
import { transientBudget, updateRow, type UpdateRowOptions } from './cas.ts';
import { parseObjectPath } from './paths.ts';
import { pruneUsage } from './ledger.ts';
import {
  emptyUsage,
  type EventRow,
  type JobOwnerRow,
  type ObjectRow,
  type PendingDelta,
  type Reservation,
  type RowStore,
  type UsageRow,
  type Versioned,
} from './rows.ts';

/** Options of {@link createSettlement}. */
export interface SettlementOptions {
  usage: RowStore<UsageRow>;
  objects: RowStore<ObjectRow>;
  events: RowStore<EventRow>;
  jobs: RowStore<JobOwnerRow>;
  store: ObjectStore;
  /** The user-files bucket (in `store`'s namespace); events for other buckets or namespaces are ignored. */
  bucket: string;
  now?: () => number;
  log?: Logger;
  cas?: UpdateRowOptions;
  /** TTL of event id records. @default 7 */
  eventTtlDays?: number;
}

/** What an object event asks for (see shared/fn `objectEventOf`). */
export interface SettleEvent {
  eventId: string;
  action: 'create' | 'update' | 'delete';
  namespace: string;
  bucket: string;
  objectName: string;
  eTag?: string;
}

export type SettleOutcome = 'applied' | 'unchanged' | 'duplicate' | 'ignored';

/** Options of `reconcile`. */
export interface ReconcileUsageOptions {
  /** A create/update whose eTag the object row already holds needs no HEAD. */
  skipIfETag?: string;
  /**
   * The caller deleted the object at this time (epoch ms, taken before the delete request): the
   * path's reservation admitted at or before it is released even though the object is gone. A PUT
   * through a still-valid URL after the delete recreates the object and its event charges the real size.
   */
  deletedAt?: number;
}

/**
 * Reservations of a path admitted up to 1 s after the object's last-modified (HTTP dates have 1 s resolution)
 * are settled.
 */
const RELEASE_SLACK_MS = 1000;

export type Settlement = ReturnType<typeof createSettlement>;

/** Whether settling `p` releases the reservation `r`. */
function releases(r: Reservation, p: Pick<PendingDelta, 'releaseUpTo' | 'releaseDeletedAt'>): boolean {
  return (
    (p.releaseUpTo !== undefined && r.admittedAt <= p.releaseUpTo + RELEASE_SLACK_MS) ||
    (p.releaseDeletedAt !== undefined && r.admittedAt <= p.releaseDeletedAt)
  );
}

export function createSettlement(o: SettlementOptions) {
  const now = o.now ?? Date.now;

  async function ownerOf(path: string): Promise<{ userId: string; kind: ObjectRow['kind'] } | undefined> {
    const parts = parseObjectPath(path);
    if (!parts) return undefined;
    // both are user segments (the usage row key): the path's owner segment or the job owner record's
    if (parts.ownerSegment) return { userId: parts.ownerSegment, kind: parts.kind };
    const job = await o.jobs.get(parts.collectionId);
    return job ? { userId: job.value.userId, kind: parts.kind } : undefined;
  }

  /** Steps 2-4 for the pending delta on `path`. */
  async function finish(path: string, p: PendingDelta): Promise<void> {
    await updateRow(
      o.usage,
      p.userId,
      'usage settlement',
      (cur) => {
        const row = pruneUsage(cur?.value ?? emptyUsage(p.userId), now());
        if (row.applied[p.id] !== undefined || row.settled?.[p.id] !== undefined) return { result: undefined };
        const reservations = { ...row.reservations };
        const r = reservations[path];
        if (r && releases(r, p)) delete reservations[path];
        const write: UsageRow = {
          ...row,
          reservations,
          usedBytes: row.usedBytes + p.bytes,
          usedByKind: { ...row.usedByKind, [p.kind]: row.usedByKind[p.kind] + p.bytes },
          filesByKind: { ...row.filesByKind, [p.kind]: row.filesByKind[p.kind] + p.files },
          applied: { ...row.applied, [p.id]: now() },
        };
        return { write, result: undefined };
      },
      o.cas,
    );
    await updateRow(
      o.objects,
      path,
      'object settlement',
      (cur) => {
        if (!cur || cur.value.pending?.id !== p.id) return { result: undefined };
        const { pending: _done, ...rest } = cur.value;
        return { write: rest, result: undefined };
      },
      o.cas,
    );
    await updateRow(
      o.usage,
      p.userId,
      'usage settlement cleanup',
      (cur) => {
        if (!cur || cur.value.applied[p.id] === undefined) return { result: undefined };
        const row = pruneUsage(cur.value, now());
        const applied = { ...row.applied };
        delete applied[p.id];
        return { write: { ...row, applied, settled: { ...row.settled, [p.id]: now() } }, result: undefined };
      },
      o.cas,
    );
  }

  /**
   * Makes the books match the bucket for one object path (HEAD it). Safe to call any number of
   * times from anywhere (events, deletes): the effect is the same as calling it once.
   */
  async function reconcile(path: string, options: ReconcileUsageOptions = {}): Promise<SettleOutcome> {
    const { skipIfETag, deletedAt } = options;
    const owner = await ownerOf(path);
    if (!owner) {
      o.log?.warn('object outside the quota layout or without an owner; not counted', { path });
      return 'ignored';
    }
    // transient failures are retried by re-reading: every step below is state-based (cas.ts)
    const transient = transientBudget(o.cas);
    for (let attempt = 1; attempt <= 50; attempt++) {
      let cur: Versioned<ObjectRow> | undefined;
      try {
        cur = await o.objects.get(path);
      } catch (e: unknown) {
        await transient.retry(e);
        continue;
      }
      if (cur?.value.pending) {
        await finish(path, cur.value.pending);
        continue;
      }
      if (skipIfETag && cur?.value.present && cur.value.eTag === skipIfETag) return 'unchanged';
      const head = await o.store.head({ bucket: o.bucket, objectName: path });
      const before = cur?.value;
      const size = head?.sizeBytes ?? 0;
      const bytes = size - (before?.present ? before.sizeBytes : 0);
      const files = (head ? 1 : 0) - (before?.present ? 1 : 0);
      const t = now();
      const next: ObjectRow = {
        path,
        userId: owner.userId,
        kind: owner.kind,
        present: head !== undefined,
        sizeBytes: size,
        checkedAt: t,
      };
      if (head) next.eTag = head.eTag;
      const modified = head?.lastModified?.getTime();
      const release: Pick<PendingDelta, 'releaseUpTo' | 'releaseDeletedAt'> = {};
      if (head) release.releaseUpTo = modified !== undefined && Number.isFinite(modified) ? modified : t;
      if (deletedAt !== undefined) release.releaseDeletedAt = deletedAt;
      const reservation =
        release.releaseUpTo !== undefined || deletedAt !== undefined
          ? (await o.usage.get(owner.userId))?.value.reservations[path]
          : undefined;
      const needsRelease = reservation !== undefined && releases(reservation, release);
      if (bytes === 0 && files === 0 && !needsRelease && before?.eTag === next.eTag && before !== undefined)
        return 'unchanged';
      const pending: PendingDelta = {
        id: randomBytes(9).toString('base64url'),
        userId: owner.userId,
        kind: owner.kind,
        bytes,
        files,
        ...release,
      };
      let version: string | undefined;
      try {
        version = await o.objects.putIf(path, { ...next, pending }, cur?.version ?? null);
      } catch (e: unknown) {
        await transient.retry(e);
        continue; // outcome unknown: the re-read finds this pending delta (and finishes it) or not
      }
      if (version === undefined) continue; // a concurrent reconcile won: re-read, re-HEAD
      await finish(path, pending);
      return bytes === 0 && files === 0 ? 'unchanged' : 'applied';
    }
    throw new Error(`reconcile of ${path}: too many concurrent updates`);
  }

  return {
    reconcile,
    /** Settles one object event exactly once (by event id, then by reconciling the object). */
    async settle(e: SettleEvent): Promise<SettleOutcome> {
      if (e.bucket !== o.bucket || e.namespace !== (await o.store.namespace())) {
        o.log?.warn('object event for another bucket or namespace; ignored', {
          eventId: e.eventId,
          namespace: e.namespace,
          bucket: e.bucket,
          object: e.objectName,
        });
        return 'ignored';
      }
      if (await o.events.get(e.eventId)) return 'duplicate';
      const outcome = await reconcile(
        e.objectName,
        e.action === 'delete' || e.eTag === undefined ? {} : { skipIfETag: e.eTag },
      );
      // Recorded last: a failure before this point is retried by the Events router and reconciles again.
      await o.events.putIf(e.eventId, { eventId: e.eventId, at: now() }, null, { ttlDays: o.eventTtlDays ?? 7 });
      return outcome;
    },
  };
}
