/**
 * The storage domain in memory, as the presign and quota functions wire it: NoSQL tables and the
 * object store as fakes, the real ledger, settlement, job owners and presign service, and `gql`,
 * which runs a subschema request exactly as the invoke handler does.
 */
import { executeSubschemaRequest, type Role } from '#shared/graphql/index.ts';
import type { FnCall } from '#shared/fn/index.ts';
import { createLogger } from '#shared/log.ts';
import { createJobOwners } from '#shared/storage/jobs.ts';
import { createLedger } from '#shared/storage/ledger.ts';
import { createPresignService } from '#shared/storage/presign.ts';
import { createSettlement } from '#shared/storage/settlement.ts';
import { quotaStores, type DocRow } from '#shared/storage/tables.ts';
import { presignSchema } from '../../functions/presign/schema.ts';
import { MemoryTable } from './fakes/nosql-memory.ts';
import { MemoryObjectStore } from './fakes/storage-memory.ts';

export const BUCKET = 'user-files';
export const GiB = 1024 ** 3;
export const MiB = 1024 ** 2;

/** A call with a minute left and a silent logger. */
export const call: FnCall = {
  callId: 'c1',
  deadline: new Date(Date.now() + 60_000),
  remainingMs: () => 60_000,
  env: {},
  log: createLogger({ sink: () => {} }),
};

export interface GqlResult {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions: { code: string; http?: { status: number }; [k: string]: unknown } }[];
}

export function presignWorld(o: { now?: () => number } = {}) {
  const now = o.now ?? (() => Date.now());
  const stores = quotaStores((def) => new MemoryTable<DocRow>({ def }));
  const store = new MemoryObjectStore('ns', now);
  const ledger = createLedger({ usage: stores.usage });
  const settlement = createSettlement({ ...stores, store, bucket: BUCKET });
  const jobs = createJobOwners(stores.jobs);
  const presign = createPresignService({
    ledger,
    settlement,
    jobs,
    store,
    settings: { bucket: BUCKET, uploadTtlSeconds: 3600, multipart: { thresholdBytes: GiB, partBytes: 128 * MiB } },
  });
  /** One subschema request as `userId` with `roles` (the presign schema unless given). */
  const gql = (
    userId: string,
    roles: Role[],
    query: string,
    variables: Record<string, unknown> = {},
    schema = presignSchema,
  ) =>
    executeSubschemaRequest({
      schema,
      call,
      body: { graphql: { query, variables }, caller: { userId, roles } },
      createContext: (base) => ({ ...base, presign, ledger }),
    }) as Promise<GqlResult>;
  return { stores, store, ledger, settlement, jobs, presign, gql };
}
