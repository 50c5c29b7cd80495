/**
 * The ports the export state machine depends on. `compute-oci.ts` and `job-store.ts` implement
 * them on OCI (Compute, Work Requests, NoSQL); `memory.ts` in memory for unit tests. Every method
 * throws AppErrors (shared/errors.ts): ConflictError for a resource in the wrong state (OCI 409),
 * NotFoundError / BadUserInputError for permanent refusals, UpstreamError for transient failures.
 */
import type { ObjectStore } from '#shared/storage/port.ts';
import type { ExportFormat, ExportJob, ExportState } from './model.ts';

export interface InstanceInfo {
  id: string;
  displayName: string;
  compartmentId: string;
  lifecycleState: string;
}
export interface ImageStatus {
  id: string;
  displayName: string;
  lifecycleState: string;
}

/** Compute images: create from an instance, export to Object Storage, delete. */
export interface ComputeImagesPort {
  /** The instance, or undefined when it does not exist. */
  getInstance(instanceId: string): Promise<InstanceInfo | undefined>;
  /** CreateImage; the same `retryToken` with the same details answers the image the first call made. */
  createImage(o: {
    compartmentId: string;
    instanceId: string;
    displayName: string;
    freeformTags: Record<string, string>;
    retryToken: string;
  }): Promise<{ imageId: string; workRequestId: string }>;
  /** The image, or undefined when it does not exist (a DELETED image is returned as such). */
  getImage(imageId: string): Promise<ImageStatus | undefined>;
  /** ExportImage to `namespace/bucket/objectName`; idempotent through `retryToken`. */
  exportImage(o: {
    imageId: string;
    namespace: string;
    bucket: string;
    objectName: string;
    format: ExportFormat;
    retryToken: string;
  }): Promise<{ workRequestId: string }>;
  /** DeleteImage; an image that is already gone is not an error. ConflictError while it cannot be deleted yet. */
  deleteImage(imageId: string): Promise<void>;
}

export type WorkRequestStatus = 'ACCEPTED' | 'IN_PROGRESS' | 'FAILED' | 'SUCCEEDED' | 'CANCELING' | 'CANCELED';
export interface WorkRequestInfo {
  id: string;
  status: WorkRequestStatus;
  percentComplete: number;
  error?: string;
}

/** Work requests of the compute operations (progress and outcome). */
export interface WorkRequestsPort {
  /**
   * The work request, or undefined when it is unknown (expired). `error` holds the first error message of a
   * FAILED one.
   */
  get(workRequestId: string): Promise<WorkRequestInfo | undefined>;
}

export interface StoredJob {
  job: ExportJob;
  version: string;
}

export interface JobPage {
  jobs: ExportJob[];
  hasMore: boolean;
}

/** Persistence of export jobs. Every write is conditional on the row version. */
export interface JobStore {
  get(id: string): Promise<StoredJob | undefined>;
  /** Insert a new job; false when the id exists. */
  create(job: ExportJob): Promise<string | undefined>;
  /** Replace the job if its row is still at `version`; the new version, or undefined on a conflict. */
  update(job: ExportJob, version: string): Promise<string | undefined>;
  findByImage(imageId: string): Promise<StoredJob | undefined>;
  findByObject(bucket: string, objectName: string): Promise<StoredJob | undefined>;
  /** Newest first; `before` is the id of the last job of the previous page. */
  list(o: { state?: ExportState; instanceId?: string; first: number; before?: string }): Promise<JobPage>;
  /** Ids (ascending) of jobs that are not finished or still owe cleanup, after the id `after` when given. */
  listNeedingWork(o: { limit: number; after?: string }): Promise<string[]>;
}

/** What the exports domain needs from Object Storage (the shared storage port: PARs, head, list, delete). */
export type ParPort = Pick<ObjectStore, 'namespace' | 'createPar' | 'head' | 'list' | 'delete'>;
