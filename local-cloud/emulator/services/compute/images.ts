/**
 * Images: the platform catalogue,
 * ListImages/GetImage/UpdateImage/DeleteImage, CreateImage from an instance, ExportImage.
 */
import { OciErrors } from '../../core/errors.ts';
import { newOcid } from '../../core/ids.ts';
import type { EmulatorRequest, ProviderContext, Route } from '../../core/types.ts';
import type { JobRunner } from '../resource-kit/jobs.ts';
import { requireState } from '../resource-kit/lifecycle.ts';
import type { RetryTokens } from '../resource-kit/retry-tokens.ts';
import { isoNow, listAnswer } from '../resource-kit/table.ts';
import type { Timing } from '../resource-kit/timing.ts';
import { definedTags, freeformTags, notFound, oneOf, optionalStr, str } from '../resource-kit/validate.ts';
import { derivedId, requireCompartment } from '../identity-compartments/store.ts';
import { createWorkRequest } from '../workrequests/store.ts';
import { PLATFORM_IMAGES } from './catalog-data.ts';
import { DISK_EXPORT_FORMATS } from './disk-formats.ts';
import { objectStorageOf, publishImageEvent, type ExportDestination } from './image-jobs.ts';
import { shapeFits, shapeSpec } from './shapes.ts';
import type { ComputeTables, ImageRecord } from './tables.ts';

/** Put the platform images in the store (idempotent: fixed ids derived from the tenancy). */
export function ensurePlatformImages(ctx: ProviderContext, t: ComputeTables): void {
  for (const p of PLATFORM_IMAGES) {
    const id = derivedId(ctx, 'image', p.displayName).replace('.oc1..', '.oc1.iad.');
    if (t.images.col.has(id)) continue;
    t.images.put({
      id,
      compartmentId: null as unknown as string,
      displayName: p.displayName,
      operatingSystem: p.operatingSystem,
      operatingSystemVersion: p.operatingSystemVersion,
      createImageAllowed: true,
      launchMode: 'PARAVIRTUALIZED',
      sizeInMBs: p.sizeInMBs,
      lifecycleState: 'AVAILABLE',
      timeCreated: p.timeCreated,
      launchOptions: {
        bootVolumeType: 'PARAVIRTUALIZED',
        firmware: 'UEFI_64',
        networkType: 'PARAVIRTUALIZED',
        remoteDataVolumeType: 'PARAVIRTUALIZED',
      },
      agentFeatures: { isMonitoringSupported: true, isManagementSupported: true },
      freeformTags: {},
      definedTags: {},
      _arch: p.arch,
      _platform: true,
    });
  }
}

function destinationOf(ctx: ProviderContext, b: Record<string, unknown>): ExportDestination {
  const type = oneOf(b.destinationType, 'destinationType', ['objectStorageTuple', 'objectStorageUri'] as const);
  let dest: ExportDestination;
  if (type === 'objectStorageTuple') {
    dest = {
      destinationType: type,
      namespaceName: str(b.namespaceName, 'namespaceName'),
      bucketName: str(b.bucketName, 'bucketName'),
      objectName: str(b.objectName, 'objectName', { max: 1024 }),
    };
  } else {
    const raw = str(b.destinationUri, 'destinationUri', { max: 4096 });
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw OciErrors.invalidParameter(`destinationUri '${raw}' is not a URL`);
    }
    const own = new URL(ctx.baseUrl());
    if (url.host !== own.host && !/^objectstorage\.[a-z0-9-]+\.oraclecloud\.com$/.test(url.hostname)) {
      throw OciErrors.invalidParameter(
        `destinationUri must point at Object Storage (${own.host} locally), not ${url.host}`,
      );
    }
    const m = /^(\/p\/[^/]+)?\/n\/([^/]+)\/b\/([^/]+)\/o\/(.+)$/.exec(url.pathname);
    if (!m)
      throw OciErrors.invalidParameter(
        'destinationUri must be an object URL /n/<namespace>/b/<bucket>/o/<object> or a PAR URL ' +
          '/p/<token>/n/.../o/<object>',
      );
    const dec = (s: string) => {
      try {
        return decodeURIComponent(s);
      } catch {
        throw OciErrors.invalidParameter('destinationUri has invalid percent-encoding');
      }
    };
    dest = {
      destinationType: type,
      destinationUri: raw,
      ...(m[1] ? { parPath: url.pathname } : {}),
      namespaceName: dec(m[2]!),
      bucketName: dec(m[3]!),
      objectName: dec(m[4]!),
    };
  }
  if (dest.destinationType === 'objectStorageTuple' || !dest.parPath) {
    if (dest.namespaceName !== ctx.tenancy.namespace)
      throw OciErrors.invalidParameter(
        `Namespace '${dest.namespaceName}' is not this tenancy's (${ctx.tenancy.namespace})`,
      );
    const os = objectStorageOf(ctx);
    if (!os) throw OciErrors.internal('The Object Storage provider is not registered');
    if (!os.hasBucket(dest.namespaceName, dest.bucketName))
      throw OciErrors.invalidParameter(
        `Bucket '${dest.bucketName}' does not exist in namespace '${dest.namespaceName}'`,
      );
  }
  return dest;
}

export function imageRoutes(
  ctx: ProviderContext,
  t: ComputeTables,
  tokens: RetryTokens,
  timing: Timing,
  jobs: JobRunner,
): Route[] {
  const requireImage = async (req: EmulatorRequest): Promise<ImageRecord> => {
    await jobs.runDue();
    return t.images.require(req.params.imageId, 'imageId');
  };
  const customImage = async (req: EmulatorRequest): Promise<ImageRecord> => {
    const img = await requireImage(req);
    if (img._platform) throw notFound('image', img.id);
    return img;
  };

  return [
    {
      method: 'GET',
      path: '/20160918/images',
      operation: 'ListImages',
      handler: async (req) => {
        const compartmentId = requireCompartment(ctx, req.query('compartmentId'));
        await jobs.runDue();
        let rows = t.images.all().filter((i) => i._platform || i.compartmentId === compartmentId);
        const shape = req.query('shape');
        if (shape) {
          const spec = shapeSpec(shape);
          rows = rows.filter((i) => shapeFits(spec, i._arch));
        }
        return listAnswer(req, rows, {
          filters: {
            displayName: 'displayName',
            operatingSystem: 'operatingSystem',
            operatingSystemVersion: 'operatingSystemVersion',
          },
          sortKeys: { timecreated: 'timeCreated', displayname: 'displayName' },
        });
      },
    },
    {
      method: 'GET',
      path: '/20160918/images/{imageId}',
      operation: 'GetImage',
      handler: async (req) => t.images.answer(await requireImage(req)),
    },
    {
      method: 'POST',
      path: '/20160918/images',
      operation: 'CreateImage',
      handler: async (req) => {
        const replay = tokens.replayed(req);
        const prior = replay ? t.images.find(replay) : undefined;
        if (prior) return t.images.answer(prior, { headers: { 'opc-work-request-id': prior._workRequestId } });
        const b = req.json();
        if (b.imageSourceDetails !== undefined)
          throw OciErrors.notImplemented('CreateImage from imageSourceDetails (image import)');
        const compartmentId = requireCompartment(ctx, b.compartmentId);
        const inst = t.instances.require(b.instanceId, 'instanceId');
        requireState(inst, ['RUNNING', 'STOPPED'], 'create an image of');
        const base = inst.imageId ? t.images.find(inst.imageId) : undefined;
        const now = ctx.now();
        const img: ImageRecord = {
          id: newOcid('image'),
          compartmentId,
          displayName:
            optionalStr(b.displayName, 'displayName') ??
            `${inst.displayName}-image-${new Date(now).toISOString().slice(0, 19).replace(/\D/g, '')}`,
          operatingSystem: base?.operatingSystem ?? 'Custom',
          operatingSystemVersion: base?.operatingSystemVersion ?? 'Custom',
          ...(inst.imageId ? { baseImageId: inst.imageId } : {}),
          createImageAllowed: true,
          launchMode:
            b.launchMode === undefined
              ? 'PARAVIRTUALIZED'
              : oneOf(b.launchMode, 'launchMode', ['NATIVE', 'EMULATED', 'PARAVIRTUALIZED', 'CUSTOM'] as const),
          sizeInMBs: inst._bootVolumeSizeInGBs * 1024,
          billableSizeInGBs: Math.ceil(inst._bootVolumeSizeInGBs / 4),
          launchOptions: inst.launchOptions,
          freeformTags: freeformTags(b.freeformTags),
          definedTags: definedTags(b.definedTags),
          timeCreated: isoNow(ctx),
          lifecycleState: 'PROVISIONING',
          _arch: base?._arch ?? 'x86_64',
          _instanceId: inst.id,
        };
        const wr = createWorkRequest(ctx, {
          operationType: 'CreateImage',
          compartmentId,
          durationMs: timing.imageWorkMs,
          resources: [
            {
              actionType: 'IN_PROGRESS',
              entityType: 'image',
              identifier: img.id,
              entityUri: `/20160918/images/${img.id}`,
            },
            { actionType: 'RELATED', entityType: 'instance', identifier: inst.id },
          ],
        });
        img._workRequestId = wr.id;
        t.images.put(img);
        tokens.remember(req, img.id);
        jobs.schedule('createImage', now + timing.imageWorkMs, { imageId: img.id, workRequestId: wr.id });
        publishImageEvent(ctx, 'createimage.begin', img, {
          instanceId: inst.id,
          workRequestId: wr.id,
          lifecycleState: 'PROVISIONING',
        });
        return t.images.answer(img, { headers: { 'opc-work-request-id': wr.id } });
      },
    },
    {
      method: 'POST',
      path: '/20160918/images/{imageId}/actions/export',
      operation: 'ExportImage',
      handler: async (req) => {
        const img = await customImage(req);
        const replay = tokens.replayed(req);
        if (replay === img.id)
          return t.images.answer(img, {
            headers: {
              'opc-work-request-id': (img as ImageRecord & { _exportWorkRequestId?: string })._exportWorkRequestId,
            },
          });
        t.images.checkIfMatch(req, img);
        const b = req.json();
        const format =
          b.exportFormat === undefined ? 'OCI' : oneOf(b.exportFormat, 'exportFormat', DISK_EXPORT_FORMATS);
        const destination = destinationOf(ctx, b);
        requireState(img, ['AVAILABLE'], 'export');
        const wr = createWorkRequest(ctx, {
          operationType: 'ExportImage',
          compartmentId: img.compartmentId,
          durationMs: timing.imageWorkMs,
          resources: [
            {
              actionType: 'IN_PROGRESS',
              entityType: 'image',
              identifier: img.id,
              entityUri: `/20160918/images/${img.id}`,
            },
          ],
        });
        img.lifecycleState = 'EXPORTING';
        Object.assign(img, { _exportWorkRequestId: wr.id });
        t.images.put(img);
        tokens.remember(req, img.id);
        jobs.schedule('exportImage', ctx.now() + timing.imageWorkMs, {
          imageId: img.id,
          workRequestId: wr.id,
          format,
          destination,
        });
        publishImageEvent(ctx, 'exportimage.begin', img, {
          workRequestId: wr.id,
          exportFormat: format,
          destinationType: destination.destinationType,
          namespace: destination.namespaceName,
          bucketName: destination.bucketName,
          objectName: destination.objectName,
        });
        return t.images.answer(img, { headers: { 'opc-work-request-id': wr.id } });
      },
    },
    {
      method: 'PUT',
      path: '/20160918/images/{imageId}',
      operation: 'UpdateImage',
      handler: async (req) => {
        const img = await customImage(req);
        t.images.checkIfMatch(req, img);
        const b = req.json();
        for (const k of Object.keys(b))
          if (!['displayName', 'freeformTags', 'definedTags'].includes(k))
            throw OciErrors.notImplemented(`UpdateImage of ${k}`);
        img.displayName = optionalStr(b.displayName, 'displayName') ?? img.displayName;
        if (b.freeformTags !== undefined) img.freeformTags = freeformTags(b.freeformTags);
        if (b.definedTags !== undefined) img.definedTags = definedTags(b.definedTags);
        return t.images.answer(t.images.put(img));
      },
    },
    {
      method: 'DELETE',
      path: '/20160918/images/{imageId}',
      operation: 'DeleteImage',
      handler: async (req) => {
        const img = await customImage(req);
        t.images.checkIfMatch(req, img);
        if (img.lifecycleState === 'EXPORTING')
          throw OciErrors.incorrectState(`Image ${img.id} is EXPORTING; delete it after the export`);
        t.images.delete(img.id);
        publishImageEvent(ctx, 'deleteimage', img, { lifecycleState: 'DELETED' });
        return { status: 204 };
      },
    },
  ];
}
