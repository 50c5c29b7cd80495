/**
 * Storage section of `npm run bench` (called by bench/stack.ts with the running stack and the
 * `me` result): createUploadUrl through the API Gateway front (admission in NoSQL + a PAR), its
 * ratio to `me` through the same path, and the 100-concurrent admission count.
 */
import type { Stack } from '#local/stack/stack.ts';
import { graphqlPost, load, printLoad, type LoadResult } from './stack.ts';

const UPLOAD = `mutation($i: CreateUploadUrlInput!) { createUploadUrl(input: $i) { uri url expiresAt } }`;
const SET = `mutation($u: ID!, $l: QuotaLimitsInput) { setQuotaLimits(userId: $u, limits: $l) { tier } }`;

export async function benchCreateUploadUrl(o: {
  stack: Stack;
  me: LoadResult;
  total?: number;
  concurrency?: number;
}): Promise<void> {
  const { stack } = o;
  const url = stack.urls.graphql;
  const admin = await stack.mintToken({ sub: 'bench-admin', roles: ['admin'] });
  const user = `bench-up-${Date.now().toString(36)}`;
  const token = await stack.mintToken({ sub: user, roles: ['operator'] });
  // lift the rate limits so the bench measures the path, not the refusals
  await graphqlPost(url, admin, SET, { u: user, l: { maxUploadsPerHour: 1_000_000, maxUploadsPerDay: 1_000_000 } });
  const send = async (i: number) => {
    const r = await graphqlPost(url, token, UPLOAD, {
      i: { kind: 'DATASET', collectionId: 'bench', filename: `f${i}.bin`, sizeBytes: 1024 },
    });
    return r.status === 200 && !r.body.errors;
  };
  await load({ total: 20, concurrency: 4, send: (i) => send(100_000 + i) }); // warm presign's containers
  const r = await load({ total: o.total ?? 300, concurrency: o.concurrency ?? 8, send });
  printLoad(
    '`createUploadUrl` (admission + PAR)',
    r,
    `${(r.rps / o.me.rps).toFixed(2)}× the req/s of \`me\`; p50 ${(r.p50Ms / o.me.p50Ms).toFixed(2)}× its latency`,
  );

  // 100 concurrent admissions for one user with room for exactly 10 files
  const racer = `bench-race-${Date.now().toString(36)}`;
  const racerToken = await stack.mintToken({ sub: racer, roles: ['operator'] });
  await graphqlPost(url, admin, SET, { u: racer, l: { maxStorageBytes: 10_000 } });
  const answers = await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      graphqlPost(url, racerToken, UPLOAD, {
        i: { kind: 'DATASET', collectionId: 'race', filename: `f${i}`, sizeBytes: 1000 },
      }),
    ),
  );
  const admitted = answers.filter((a) => !a.body.errors && a.body.data).length;
  // refused by the quota check (429 STORAGE_QUOTA_EXCEEDED) apart from anything else (e.g. a 503 from a full queue)
  const quotaCode = (a: (typeof answers)[number]) =>
    (a.body.errors?.[0] as { extensions?: { code?: string } } | undefined)?.extensions?.code;
  const refused = answers.filter((a) => a.status === 429 && quotaCode(a) === 'STORAGE_QUOTA_EXCEEDED').length;
  const other = 100 - admitted - refused;
  console.log(
    `| 100 concurrent \`createUploadUrl\`, room for 10 | 100 | ${refused} refused by ` +
      `quota${other ? `, ${other} other failures` : ''} | | | | admitted ${admitted} (expected exactly 10, 90 ` +
      `refused) |`,
  );
}
