/**
 * Adapter: creates the stack's buckets and NoSQL tables in the emulator with the real oci-sdk
 * clients, signed as the admin user. Idempotent (lists first, creates what is missing): existing buckets are brought to
 * the wanted `objectEventsEnabled`, existing tables are left as they are.
 */
import type * as common from 'oci-common';
import { ObjectStorageClient } from 'oci-objectstorage';
import { NosqlClient } from 'oci-nosql';
import type { BucketSpec, TableSpec } from '#local/product.ts';

export interface ProvisionOptions {
  endpoint: string;
  auth: common.AuthenticationDetailsProvider;
  compartmentId: string;
  buckets: BucketSpec[];
  tables: TableSpec[];
  /** how long a table may take to become ACTIVE @default 30_000 */
  tableTimeoutMs?: number;
}

export interface Provisioned {
  namespace: string;
  createdBuckets: string[];
  createdTables: string[];
}

export async function provision(o: ProvisionOptions): Promise<Provisioned> {
  const os = new ObjectStorageClient({ authenticationDetailsProvider: o.auth });
  os.endpoint = o.endpoint;
  const nosql = new NosqlClient({ authenticationDetailsProvider: o.auth });
  nosql.endpoint = o.endpoint;
  try {
    const namespace = (await os.getNamespace({})).value;
    const createdBuckets: string[] = [];
    // list first rather than create-and-catch-409: oci-sdk prints every failed call to the console
    const existing = new Set<string>();
    for await (const b of os.listBucketsRecordIterator({ namespaceName: namespace, compartmentId: o.compartmentId }))
      existing.add(b.name);
    for (const b of o.buckets) {
      if (!existing.has(b.name)) {
        await os.createBucket({
          namespaceName: namespace,
          createBucketDetails: {
            name: b.name,
            compartmentId: o.compartmentId,
            objectEventsEnabled: b.objectEventsEnabled,
          },
        });
        createdBuckets.push(b.name);
        continue;
      }
      const { bucket } = await os.getBucket({ namespaceName: namespace, bucketName: b.name });
      if (bucket.objectEventsEnabled !== b.objectEventsEnabled) {
        await os.updateBucket({
          namespaceName: namespace,
          bucketName: b.name,
          updateBucketDetails: { objectEventsEnabled: b.objectEventsEnabled },
        });
      }
    }
    const createdTables: string[] = [];
    const tableNames = new Set<string>();
    let page: string | undefined;
    do {
      const res = await nosql.listTables({ compartmentId: o.compartmentId, ...(page ? { page } : {}) });
      for (const t of res.tableCollection.items ?? []) tableNames.add(t.name ?? '');
      page = res.opcNextPage;
    } while (page);
    for (const t of o.tables) {
      if (!tableNames.has(t.name)) {
        await nosql.createTable({
          createTableDetails: {
            name: t.name,
            compartmentId: o.compartmentId,
            ddlStatement: t.ddlStatement,
            tableLimits: t.tableLimits,
          },
        });
        createdTables.push(t.name);
      }
      await waitActive(nosql, t.name, o.compartmentId, o.tableTimeoutMs ?? 30_000);
    }
    return { namespace, createdBuckets, createdTables };
  } finally {
    os.close();
    nosql.close();
  }
}

async function waitActive(nosql: NosqlClient, name: string, compartmentId: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { table } = await nosql.getTable({ tableNameOrId: name, compartmentId });
    if (table.lifecycleState === 'ACTIVE') return;
    if (table.lifecycleState === 'FAILED' || table.lifecycleState === 'DELETED')
      throw new Error(`table ${name} is ${table.lifecycleState}`);
    if (Date.now() > deadline)
      throw new Error(`table ${name} did not become ACTIVE within ${timeoutMs} ms (state ${table.lifecycleState})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
