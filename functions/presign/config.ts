/** Presign settings from the function config. */
import { envInt, envString, type Env } from '#shared/config.ts';
import { ConfigError } from '#shared/config.ts';
import type { PresignSettings } from '#shared/storage/presign.ts';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/**
 * `FILES_BUCKET` (user-files), `UPLOAD_URL_TTL_SECONDS` (3600), `MULTIPART_THRESHOLD_BYTES` (1 GiB),
 * `MULTIPART_PART_BYTES` (128 MiB).
 */
export function presignSettingsFromEnv(env: Env = process.env): PresignSettings {
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
