/**
 * The presign function's wiring: the storage domain from the function config (shared/storage/deps-oci.ts)
 * and the presign settings: `UPLOAD_URL_TTL_SECONDS` (3600, 60..604800), `MULTIPART_THRESHOLD_BYTES`
 * (1 GiB), `MULTIPART_PART_BYTES` (128 MiB).
 */
import { ConfigError, envInt, envString, type Env } from '#shared/config.ts';
import type { Logger } from '#shared/log.ts';
import { storageFromEnv } from '#shared/storage/deps-oci.ts';
import { createPresignService, type PresignService, type PresignSettings } from '#shared/storage/presign.ts';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** The presign settings from the function config; a bad value throws {@link ConfigError}. */
export function presignSettings(env: Env = process.env): PresignSettings {
  const uploadTtlSeconds = envInt('UPLOAD_URL_TTL_SECONDS', 3600, env);
  if (uploadTtlSeconds < 60 || uploadTtlSeconds > 7 * 86_400)
    throw new ConfigError('UPLOAD_URL_TTL_SECONDS', 'UPLOAD_URL_TTL_SECONDS must be 60..604800');
  const thresholdBytes = envInt('MULTIPART_THRESHOLD_BYTES', 1 * GiB, env);
  const partBytes = envInt('MULTIPART_PART_BYTES', 128 * MiB, env);
  if (thresholdBytes < 1 || partBytes < 1)
    throw new ConfigError('MULTIPART_THRESHOLD_BYTES', 'multipart sizes must be positive');
  return {
    bucket: envString('FILES_BUCKET', 'user-files', env),
    uploadTtlSeconds,
    multipart: { thresholdBytes, partBytes },
  };
}

/** What the presign handler needs, built once per container. */
export function fromEnv(o: { env?: Env; log: Logger }): { presign: PresignService } {
  const env = o.env ?? process.env;
  const deps = storageFromEnv({ env, log: o.log });
  return { presign: createPresignService({ ...deps, settings: presignSettings(env), log: o.log }) };
}
