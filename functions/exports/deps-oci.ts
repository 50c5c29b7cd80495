/**
 * Wiring of the exports domain on OCI: the job table (NoSQL), Compute + Work Requests, Object
 * Storage (PARs, head, delete). Built once per container at module scope; clients are reused.
 */
import { ObjectStorageClient } from 'oci-objectstorage';
import { envInt, envOptional, envString, type Env } from '#shared/config.ts';
import type { Logger } from '#shared/log.ts';
import { createOciClient } from '#shared/oci/index.ts';
import { OciNosqlTable } from '#shared/persistence/nosql-oci.ts';
import { createOciObjectStore } from '#shared/storage/objectstorage-oci.ts';
import { createExportsCompute } from './compute-oci.ts';
import { createJobStore, type JobRow } from './job-store.ts';
import { createExportService, type ExportService } from './service.ts';
import { EXPORT_JOBS_TABLE } from './tables.ts';

/**
 * From the function config: `NOSQL_COMPARTMENT_ID`, `TABLE_PREFIX`, `EXPORTS_BUCKET` (default
 * `exports`), `OS_NAMESPACE`, `PAR_BASE_URL`, `EXPORTS_STALE_AFTER_MS` (default 60000),
 * `EXPORTS_CLEANUP_WAIT_MS` (default 5000), `EXPORT_IMAGES_COMPARTMENT_ID` (default: the instance's),
 * `OCI_ENDPOINT[_*]`.
 */
export function fromEnv(o: { env?: Env; log: Logger }): ExportService {
  const env = o.env ?? process.env;
  const compartmentId = envString('NOSQL_COMPARTMENT_ID', undefined, env);
  const tablePrefix = envOptional('TABLE_PREFIX', env) ?? '';
  const namespace = envOptional('OS_NAMESPACE', env);
  const parBaseUrl = envOptional('PAR_BASE_URL', env);
  const compute = createExportsCompute();
  const exportsBucket = envString('EXPORTS_BUCKET', 'exports', env);
  // Exports may write only to export buckets, never to the user-files bucket (its paths are users' data and quota).
  const filesBucket = envString('FILES_BUCKET', 'user-files', env);
  // EXPORTS_BUCKET (the default target) is always allowed; EXPORT_BUCKETS adds others
  const extra = (envOptional('EXPORT_BUCKETS', env) ?? '').split(',').map((b) => b.trim());
  const allowedBuckets = [...new Set([exportsBucket, ...extra])].filter((b) => b && b !== filesBucket);
  const imageCompartmentId = envOptional('EXPORT_IMAGES_COMPARTMENT_ID', env);
  return createExportService({
    jobs: createJobStore(new OciNosqlTable<JobRow>(EXPORT_JOBS_TABLE, { compartmentId, tablePrefix })),
    compute,
    workRequests: compute,
    storage: createOciObjectStore({
      client: createOciClient(ObjectStorageClient, { service: 'OBJECTSTORAGE' }),
      ...(namespace ? { namespace } : {}),
      ...(parBaseUrl ? { parBaseUrl } : {}),
    }),
    log: o.log,
    defaultBucket: exportsBucket,
    allowedBuckets,
    ...(imageCompartmentId ? { imageCompartmentId } : {}),
    staleAfterMs: envInt('EXPORTS_STALE_AFTER_MS', 60_000, env),
    cleanupWaitMs: envInt('EXPORTS_CLEANUP_WAIT_MS', 5_000, env),
  });
}
