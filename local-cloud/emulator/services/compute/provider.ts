/**
 * Compute (ComputeClient, `/20160918/...`): instances (launch, get, list, update of name/tags,
 * instance actions, terminate), images (platform catalogue, list/get/update/delete, createImage
 * from an instance, exportImage to Object Storage), shapes, VNIC attachments. Every other
 * ComputeClient operation answers 501 naming it.
 *
 * Timing (see resource-kit/timing.ts): instance steps take EMULATOR_TRANSITION_MS (default 3 s):
 * PROVISIONING → RUNNING, STOPPING → STOPPED, STARTING → RUNNING, TERMINATING → TERMINATED,
 * RESET = STOPPING → STARTING → RUNNING (half a step each). States are computed from timestamps on
 * read. Image work takes EMULATOR_IMAGE_WORK_MS (default 6 s) with a work request whose
 * percentComplete follows the clock; a job (timer + run-on-read) finishes it, survives restarts.
 *
 * Limitations against OCI:
 * - no capacity, quotas or service limits; any number of instances launch.
 * - actions: START on RUNNING/STARTING and STOP/SOFTSTOP on STOPPED/STOPPING are no-ops (200);
 *   other actions in the wrong state are 409 IncorrectState (retryable by the SDK's default policy).
 * - boot volumes are not served (Blockstorage is 501); preserveBootVolume keeps an internal record
 *   that a later launch with sourceType bootVolume can use. No boot volume attachments API.
 * - createImage needs the instance RUNNING or STOPPED (else 409 IncorrectState) and does not stop
 *   it; import (imageSourceDetails) is 501. Platform images cannot be updated, deleted or exported
 *   (404). Deleted images are gone at once (OCI shows DELETED for a while).
 * - exportImage checks the namespace and bucket up front (400 InvalidParameter); a PAR URI is
 *   written through the PAR at the end (an expired PAR fails the work request). The file is a
 *   small synthetic disk with the format's magic bytes (disk-formats.ts), not a bootable image.
 * - `exportimage.end` is emulator-only (image-jobs.ts). No instance lifecycle events.
 * - UpdateInstance only changes displayName and tags (others 501).
 */
import type { Provider, ProviderContext } from '../../core/types.ts';
import { surfaceOf } from '../resource-kit/catalog.ts';
import { JobRunner } from '../resource-kit/jobs.ts';
import { RetryTokens } from '../resource-kit/retry-tokens.ts';
import { timingFromEnv, type Timing } from '../resource-kit/timing.ts';
import { imageJobHandlers } from './image-jobs.ts';
import { ensurePlatformImages, imageRoutes } from './images.ts';
import { instanceModule, type ComputeApi } from './instances.ts';
import { shapeRoutes } from './shapes.ts';
import { SERVICE, computeTables } from './tables.ts';

export interface ComputeProvider extends Provider, ComputeApi {}

export function createComputeProvider(options: Partial<Timing> = {}) {
  return function computeProvider(ctx: ProviderContext): ComputeProvider {
    const timing = timingFromEnv(options);
    const t = computeTables(ctx);
    ensurePlatformImages(ctx, t);
    const tokens = new RetryTokens(ctx.store, SERVICE, ctx.now);
    const jobs = new JobRunner(ctx, SERVICE, imageJobHandlers(ctx, t));
    const instances = instanceModule(ctx, t, tokens, timing);
    const routes = [...instances.routes, ...imageRoutes(ctx, t, tokens, timing, jobs), ...shapeRoutes(ctx, t)];
    return {
      name: SERVICE,
      routes,
      ...surfaceOf(['ComputeClient'], routes),
      onReset: () => {
        ensurePlatformImages(ctx, t);
        jobs.arm();
      },
      close: () => jobs.close(),
      ...instances.api,
    };
  };
}

export const computeProvider = createComputeProvider();
