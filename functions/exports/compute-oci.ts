/**
 * OCI adapters of {@link ComputeImagesPort} (oci-core ComputeClient) and {@link WorkRequestsPort}
 * (oci-workrequests WorkRequestClient). Reads and retry-token creates go through `withRetry`
 * (the token makes a retried create safe); DeleteImage is retried too (idempotent). Failures
 * leave as AppErrors via `toAppError`; a 404 on a read is `undefined`.
 */
import { ComputeClient, type models as core } from 'oci-core';
import { WorkRequestClient } from 'oci-workrequests';
import type { AuthenticationDetailsProvider } from 'oci-common';
import { UpstreamError } from '#shared/errors.ts';
import {
  createOciClient,
  isOciError,
  isRetryableError,
  toAppError,
  withRetry,
  type RetryOptions,
} from '#shared/oci/index.ts';
import type { ComputeImagesPort, WorkRequestInfo, WorkRequestsPort, WorkRequestStatus } from './ports.ts';

export interface ComputeOciOptions {
  compute?: ComputeClient;
  workRequests?: WorkRequestClient;
  auth?: AuthenticationDetailsProvider;
  /** per-call retry policy (e.g. `() => ({ deadlineMs: call.remainingMs() })`) @default RETRY_DEFAULTS */
  retry?: () => RetryOptions;
}

const notFound = (e: unknown) => isOciError(e) && e.statusCode === 404;

export function createExportsCompute(o: ComputeOciOptions = {}): ComputeImagesPort & WorkRequestsPort {
  const auth = o.auth ? { auth: o.auth } : {};
  const compute = o.compute ?? createOciClient(ComputeClient, { service: 'CORE', ...auth });
  const wrs = o.workRequests ?? createOciClient(WorkRequestClient, { service: 'WORKREQUESTS', ...auth });
  const run = async <T>(op: () => Promise<T>): Promise<T> => {
    try {
      return await withRetry(op, o.retry?.() ?? {});
    } catch (e) {
      throw toAppError(e);
    }
  };
  const readOrUndefined = async <T>(op: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await withRetry(op, o.retry?.() ?? {});
    } catch (e) {
      if (notFound(e)) return undefined;
      throw toAppError(e);
    }
  };

  return {
    async getInstance(instanceId) {
      const r = await readOrUndefined(() => compute.getInstance({ instanceId }));
      if (!r) return undefined;
      const i = r.instance;
      return {
        id: i.id,
        displayName: i.displayName ?? i.id,
        compartmentId: i.compartmentId,
        lifecycleState: String(i.lifecycleState),
      };
    },
    async createImage({ compartmentId, instanceId, displayName, freeformTags, retryToken }) {
      const r = await run(() =>
        compute.createImage({
          createImageDetails: { compartmentId, instanceId, displayName, freeformTags },
          opcRetryToken: retryToken,
        }),
      );
      if (!r.opcWorkRequestId) throw new UpstreamError('CreateImage answered without opc-work-request-id');
      return { imageId: r.image.id, workRequestId: r.opcWorkRequestId };
    },
    async getImage(imageId) {
      const r = await readOrUndefined(() => compute.getImage({ imageId }));
      return r
        ? {
            id: r.image.id,
            displayName: r.image.displayName ?? r.image.id,
            lifecycleState: String(r.image.lifecycleState),
          }
        : undefined;
    },
    async exportImage({ imageId, namespace, bucket, objectName, format, retryToken }) {
      const details: core.ExportImageViaObjectStorageTupleDetails = {
        destinationType: 'objectStorageTuple',
        namespaceName: namespace,
        bucketName: bucket,
        objectName,
        exportFormat: format as core.ExportImageDetails.ExportFormat,
      };
      const r = await run(() =>
        compute.exportImage({ imageId, exportImageDetails: details, opcRetryToken: retryToken }),
      );
      if (!r.opcWorkRequestId) throw new UpstreamError('ExportImage answered without opc-work-request-id');
      return { workRequestId: r.opcWorkRequestId };
    },
    async deleteImage(imageId) {
      try {
        // a 409 (image still EXPORTING) is not retried here: the machine waits for the next event or reconcile
        await withRetry(() => compute.deleteImage({ imageId }), {
          ...(o.retry?.() ?? {}),
          isRetryable: (e) => !(isOciError(e) && e.statusCode === 409) && isRetryableError(e),
        });
      } catch (e) {
        if (notFound(e)) return;
        throw toAppError(e);
      }
    },
    async get(workRequestId): Promise<WorkRequestInfo | undefined> {
      const r = await readOrUndefined(() => wrs.getWorkRequest({ workRequestId }));
      if (!r) return undefined;
      const w = r.workRequest;
      const status = String(w.status) as WorkRequestStatus;
      let error: string | undefined;
      if (status === 'FAILED') {
        const errs = await readOrUndefined(() => wrs.listWorkRequestErrors({ workRequestId }));
        error = errs?.items[0]?.message;
      }
      return { id: w.id, status, percentComplete: Number(w.percentComplete ?? 0), ...(error ? { error } : {}) };
    },
  };
}
