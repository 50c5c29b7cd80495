/**
 * The export job: its record, states, formats, progress mapping and input rules (the shared/validate.ts
 * way). Pure: no I/O.
 *
 * A job moves PENDING → CREATING_IMAGE → EXPORTING → CLEANING_UP → SUCCEEDED, or ends FAILED /
 * CANCELED. A terminal job may still owe cleanup (`cleanup`): the temporary image, or an object
 * an export wrote after the job was canceled.
 */
import { createHash, randomBytes } from 'node:crypto';
import { badInput } from '#shared/validate.ts';

export const EXPORT_STATES = [
  'PENDING',
  'CREATING_IMAGE',
  'EXPORTING',
  'CLEANING_UP',
  'SUCCEEDED',
  'FAILED',
  'CANCELED',
] as const;
export type ExportState = (typeof EXPORT_STATES)[number];
export const TERMINAL_STATES: readonly ExportState[] = ['SUCCEEDED', 'FAILED', 'CANCELED'];
/** States `cancelExport` accepts: nothing has been delivered yet. */
export const CANCELABLE_STATES: readonly ExportState[] = ['PENDING', 'CREATING_IMAGE', 'EXPORTING'];

export const EXPORT_FORMATS = ['QCOW2', 'VMDK', 'OCI', 'VHD', 'VDI'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const FILE_EXTENSIONS: Record<ExportFormat, string> = {
  QCOW2: 'qcow2',
  VMDK: 'vmdk',
  OCI: 'oci',
  VHD: 'vhd',
  VDI: 'vdi',
};

/** Instance lifecycle states OCI can create an image from. */
export const IMAGEABLE_INSTANCE_STATES = ['RUNNING', 'STOPPED'] as const;

/** Work the job still owes after it ended (true = still to do). */
export interface Cleanup {
  image: boolean;
  object: boolean;
}

/** The job as stored (the `data` column) and as the API shows it. Times are epoch ms. */
export interface ExportJob {
  id: string;
  state: ExportState;
  percentComplete: number;
  instanceId: string;
  instanceName: string;
  compartmentId: string;
  /** where the temporary image is made (EXPORT_IMAGES_COMPARTMENT_ID); absent: the instance's compartment */
  imageCompartmentId?: string;
  imageName: string;
  imageId?: string;
  format: ExportFormat;
  namespace: string;
  bucket: string;
  objectName: string;
  sizeBytes?: number;
  deleteImageAfterExport: boolean;
  createImageWorkRequestId?: string;
  exportWorkRequestId?: string;
  imageDeleted?: boolean;
  cleanup?: Cleanup;
  createdBy: string;
  startedAt: number;
  updatedAt: number;
  finishedAt?: number;
  error?: string;
}

export const isTerminal = (s: ExportState): boolean => TERMINAL_STATES.includes(s);
/** Whether reconcile still has to look at the job. */
export const needsWork = (j: ExportJob): boolean =>
  !isTerminal(j.state) || !!(j.cleanup && (j.cleanup.image || j.cleanup.object));

/** `oci://<bucket>@<namespace>/<object>` (the form the OCI CLI and console use). */
export const objectUriOf = (j: Pick<ExportJob, 'bucket' | 'namespace' | 'objectName'>): string =>
  `oci://${j.bucket}@${j.namespace}/${j.objectName}`;

/** Overall progress from the step and its work request's percentComplete (0..100). */
export function overallPercent(state: ExportState, workRequestPercent = 0): number {
  const wr = Math.max(0, Math.min(100, workRequestPercent));
  switch (state) {
    case 'PENDING':
      return 0;
    case 'CREATING_IMAGE':
      return Math.floor(wr * 0.45);
    case 'EXPORTING':
      return 45 + Math.floor(wr * 0.5);
    case 'CLEANING_UP':
      return 95;
    case 'SUCCEEDED':
      return 100;
    default:
      return 0;
  }
}

/** A new job id: time-ordered (newest sorts last), so listings can page by id. */
export function newJobId(now: number): string {
  return `exp${now.toString(36).padStart(10, '0')}${randomBytes(5).toString('hex')}`;
}

export const isJobId = (v: string): boolean => /^exp[0-9a-z]{10}[0-9a-f]{10}$/.test(v);

/**
 * The `opc-retry-token` of one step of one job: the same on every attempt, by every copy of the
 * function, so OCI answers a repeated create with the resource the first one made.
 */
export function stepRetryToken(jobId: string, step: 'create-image' | 'export-image'): string {
  return createHash('sha256').update(`${jobId}:${step}`).digest('hex').slice(0, 48);
}

/** An export job id (as {@link newJobId} makes them). */
export function requireJobId(v: string, field: string): string {
  if (!isJobId(v)) throw badInput(field, `"${v.slice(0, 40)}" is not an export job id`);
  return v;
}

const IMAGE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** A user-given image name (also used in the object name). */
export function requireImageName(v: string, field: string): string {
  if (!IMAGE_NAME.test(v))
    throw badInput(
      field,
      `${field} must be 1-100 characters of letters, digits, ".", "_" or "-", starting with a letter or digit`,
    );
  return v;
}

/** The default image name: the instance's name made safe, plus the start time. */
export function defaultImageName(instanceName: string, now: number): string {
  const base =
    instanceName
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[^A-Za-z0-9]+/, '')
      .slice(0, 60)
      .replace(/[^A-Za-z0-9]+$/, '') || 'instance';
  return `${base}-export-${new Date(now).toISOString().slice(0, 16).replace(/\D/g, '')}`;
}

/** `exports/<yyyy-mm-dd>/` (UTC) */
export const defaultPrefix = (now: number): string => `exports/${new Date(now).toISOString().slice(0, 10)}/`;

/** An object name prefix: empty, or relative path segments ending with `/`. */
export function requirePrefix(v: string, field: string): string {
  if (v === '') return v;
  const why =
    v.length > 512
      ? 'is longer than 512 characters'
      : /[\u0000-\u001f\u007f\\]/.test(v)
        ? 'contains control characters or a backslash'
        : v.startsWith('/')
          ? 'starts with "/"'
          : !v.endsWith('/')
            ? 'does not end with "/"'
            : v
                  .slice(0, -1)
                  .split('/')
                  .some((s) => s === '' || s === '.' || s === '..')
              ? 'has an empty, "." or ".." segment'
              : undefined;
  if (why) throw badInput(field, `${field} "${v.slice(0, 80)}" ${why}; use e.g. "exports/2024-01-31/"`);
  return v;
}

/** The exported object's name: unique per job, so two exports never write the same object. */
export const objectNameOf = (o: { prefix: string; imageName: string; jobId: string; format: ExportFormat }): string =>
  `${o.prefix}${o.imageName}-${o.jobId.slice(-10)}.${FILE_EXTENSIONS[o.format]}`;

const BUCKET = /^[A-Za-z0-9._-]{1,256}$/;

/** A bucket name (its form only: whether exports may write to it is the service's rule). */
export function requireBucketName(v: string, field: string): string {
  if (!BUCKET.test(v)) throw badInput(field, `${field} must be 1-256 characters of letters, digits, ".", "_" or "-"`);
  return v;
}
