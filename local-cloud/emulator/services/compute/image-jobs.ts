/**
 * The long half of createImage and exportImage: jobs that finish the work request, flip the
 * image's state, write the exported file into Object Storage and publish the image events.
 *
 * Events (source `ComputeApi`): `com.oraclecloud.computeapi.createimage.begin` / `.end`,
 * `exportimage.begin`, `deleteimage`, and `com.oraclecloud.computeapi.exportimage.end`, which is
 * EMULATOR-ONLY: OCI's docs list no export end event (reference §4); consumers on OCI must watch
 * the exported object's createobject event or poll the work request instead.
 */
import { makeEnvelope } from '../../core/events.ts';
import { OciServiceError } from '../../core/errors.ts';
import type { ProviderContext } from '../../core/types.ts';
import type { ObjectStorageApi } from '../objectstorage/api.ts';
import { compartmentName } from '../identity-compartments/store.ts';
import { finishWorkRequest } from '../workrequests/store.ts';
import { syntheticDisk, type DiskExportFormat } from './disk-formats.ts';
import type { ComputeTables, ImageRecord } from './tables.ts';

export type ExportDestination =
  | { destinationType: 'objectStorageTuple'; namespaceName: string; bucketName: string; objectName: string }
  | {
      destinationType: 'objectStorageUri';
      destinationUri: string;
      parPath?: string;
      namespaceName: string;
      bucketName: string;
      objectName: string;
    };

export function publishImageEvent(
  ctx: ProviderContext,
  kind: string,
  img: ImageRecord,
  details: Record<string, unknown>,
): void {
  ctx.events.publish(
    makeEnvelope({
      eventType: `com.oraclecloud.computeapi.${kind}`,
      source: 'ComputeApi',
      compartmentId: img.compartmentId,
      compartmentName: compartmentName(ctx, img.compartmentId),
      resourceName: img.displayName,
      resourceId: img.id,
      ...(img.freeformTags && Object.keys(img.freeformTags).length ? { freeformTags: img.freeformTags } : {}),
      additionalDetails: { imageId: img.id, ...details },
      now: ctx.now(),
    }),
  );
}

export const objectStorageOf = (ctx: ProviderContext): ObjectStorageApi | undefined => {
  const p = ctx.provider('objectstorage') as unknown as Partial<ObjectStorageApi> | undefined;
  return p && typeof p.putObject === 'function' ? (p as ObjectStorageApi) : undefined;
};

async function writeExport(ctx: ProviderContext, dest: ExportDestination, body: Buffer): Promise<void> {
  if (dest.destinationType === 'objectStorageUri' && dest.parPath) {
    // through the PAR itself, as OCI does, so an expired or deleted PAR fails the export
    const res = await fetch(ctx.baseUrl() + dest.parPath, {
      method: 'PUT',
      body: new Uint8Array(body),
      headers: { 'content-type': 'application/octet-stream' },
    });
    if (!res.ok)
      throw new Error(
        `writing through the pre-authenticated request failed with HTTP ${res.status}: ${await res.text()}`,
      );
    return;
  }
  const os = objectStorageOf(ctx);
  if (!os) throw new Error('the Object Storage provider is not registered');
  await os.putObject({
    namespace: dest.namespaceName,
    bucket: dest.bucketName,
    objectName: dest.objectName,
    body,
    contentType: 'application/octet-stream',
  });
}

export function imageJobHandlers(ctx: ProviderContext, t: ComputeTables) {
  return {
    async createImage(p: Record<string, unknown>): Promise<void> {
      const img = t.images.col.get(p.imageId as string);
      if (img?.lifecycleState !== 'PROVISIONING') {
        finishWorkRequest(ctx, p.workRequestId as string, {
          status: 'CANCELED',
          log: 'the image was deleted before it was ready',
        });
        return;
      }
      img.lifecycleState = 'AVAILABLE';
      t.images.put(img);
      finishWorkRequest(ctx, p.workRequestId as string, { status: 'SUCCEEDED' });
      publishImageEvent(ctx, 'createimage.end', img, {
        instanceId: img._instanceId,
        workRequestId: p.workRequestId,
        lifecycleState: 'AVAILABLE',
      });
    },
    async exportImage(p: Record<string, unknown>): Promise<void> {
      const dest = p.destination as ExportDestination;
      const img = t.images.col.get(p.imageId as string);
      const wrId = p.workRequestId as string;
      const details = {
        workRequestId: wrId,
        exportFormat: p.format,
        destinationType: dest.destinationType,
        namespace: dest.namespaceName,
        bucketName: dest.bucketName,
        objectName: dest.objectName,
      };
      if (!img) {
        finishWorkRequest(ctx, wrId, { status: 'CANCELED', log: 'the image was deleted during the export' });
        return;
      }
      try {
        const disk = syntheticDisk(p.format as DiskExportFormat, {
          imageId: img.id,
          displayName: img.displayName,
          sizeInGBs: Math.max(1, Math.round(img.sizeInMBs / 1024)),
          operatingSystem: img.operatingSystem,
          operatingSystemVersion: img.operatingSystemVersion,
          timeCreated: img.timeCreated,
        });
        await writeExport(ctx, dest, disk);
        img.lifecycleState = 'AVAILABLE';
        t.images.put(img);
        finishWorkRequest(ctx, wrId, {
          status: 'SUCCEEDED',
          log: `exported ${disk.length} bytes to ${dest.bucketName}/${dest.objectName}`,
        });
        publishImageEvent(ctx, 'exportimage.end', img, { ...details, status: 'SUCCEEDED', sizeBytes: disk.length });
      } catch (e) {
        const message =
          e instanceof OciServiceError ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e);
        img.lifecycleState = 'AVAILABLE';
        t.images.put(img);
        finishWorkRequest(ctx, wrId, {
          status: 'FAILED',
          error: {
            code: 'ExportFailed',
            message: `The export could not write ${dest.bucketName}/${dest.objectName}: ${message}`,
          },
        });
        publishImageEvent(ctx, 'exportimage.end', img, { ...details, status: 'FAILED', errorMessage: message });
      }
    },
  };
}
