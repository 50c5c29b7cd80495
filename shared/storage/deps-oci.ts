/**
 * Wiring of the quota domain on OCI (NoSQL tables + Object Storage), shared by the quota and
 * presign functions. Build once at module scope; clients are reused across warm calls.
 */
import { ObjectStorageClient } from 'oci-objectstorage';
import { envOptional, envString, type Env } from '../config.ts';
import type { Logger } from '../log.ts';
import { createOciClient } from '../oci/index.ts';
import { OciNosqlTable } from '../persistence/nosql-oci.ts';
import { createOciObjectStore } from '../storage/objectstorage-oci.ts';
import type { ObjectStore } from '../storage/port.ts';
import { createJobOwners, type JobOwners } from './jobs.ts';
import { createLedger, type Ledger } from './ledger.ts';
import { createSettlement, type Settlement } from './settlement.ts';
import { quotaStores, type DocRow, type QuotaStores } from './tables.ts';

export interface StorageDeps {
  stores: QuotaStores;
  store: ObjectStore;
  ledger: Ledger;
  settlement: Settlement;
  jobs: JobOwners;
  bucket: string;
}

/**
 * From the function config: `NOSQL_COMPARTMENT_ID`, `TABLE_PREFIX`, `OS_NAMESPACE`, `FILES_BUCKET`,
 * `PAR_BASE_URL` (else the Object Storage endpoint), `OCI_ENDPOINT[_*]`.
 */
export function storageFromEnv(options: { env?: Env; log?: Logger } = {}): StorageDeps {
  const env = options.env ?? process.env;
  const compartmentId = envString('NOSQL_COMPARTMENT_ID', undefined, env);
  const tablePrefix = envOptional('TABLE_PREFIX', env) ?? '';
  const stores = quotaStores((def) => new OciNosqlTable<DocRow>(def, { compartmentId, tablePrefix }));
  const bucket = envString('FILES_BUCKET', 'user-files', env);
  const namespace = envOptional('OS_NAMESPACE', env);
  const parBaseUrl = envOptional('PAR_BASE_URL', env);
  const store = createOciObjectStore({
    client: createOciClient(ObjectStorageClient, { service: 'OBJECTSTORAGE' }),
    ...(namespace ? { namespace } : {}),
    ...(parBaseUrl ? { parBaseUrl } : {}),
  });
  const ledger = createLedger({ usage: stores.usage });
  const settlement = createSettlement({ ...stores, store, bucket, ...(options.log ? { log: options.log } : {}) });
  return { stores, store, ledger, settlement, jobs: createJobOwners(stores.jobs), bucket };
}
