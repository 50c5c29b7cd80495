/** {@link ComputePort} over ComputeClient and IdentityClient. */
import { requests as coreRequests, type models as core } from 'oci-core';
import { ConflictError, isAppError, NotFoundError } from '#shared/errors.ts';
import type { OciCalls } from './calls.ts';
import { computeClient, identityClient, type createOciInventory } from './inventory-oci.ts';
import type { ComputePort, ImageInfo, InstanceAction, InventoryPort, ShapeInfo } from './ports.ts';

const num = (v: number | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function imageInfo(i: core.Image): ImageInfo {
  return {
    id: i.id,
    displayName: i.displayName ?? i.id,
    operatingSystem: i.operatingSystem,
    operatingSystemVersion: i.operatingSystemVersion,
    timeCreated: i.timeCreated ? new Date(String(i.timeCreated)).toISOString() : null,
  };
}

function shapeInfo(s: core.Shape): ShapeInfo {
  const o = s.ocpuOptions;
  const m = s.memoryOptions;
  return {
    shape: s.shape,
    isFlexible: s.isFlexible === true || !!o,
    ocpus: num(s.ocpus),
    memoryInGBs: num(s.memoryInGBs),
    ocpuOptions: o ? { min: num(o.min), max: num(o.max) } : null,
    memoryOptions: m
      ? {
          minInGBs: num(m.minInGBs),
          maxInGBs: num(m.maxInGBs),
          minPerOcpuInGBs: num(m.minPerOcpuInGBs),
          maxPerOcpuInGBs: num(m.maxPerOcpuInGBs),
        }
      : null,
  };
}

export function createOciCompute(
  calls: OciCalls,
  inventory: ReturnType<typeof createOciInventory> & InventoryPort,
): ComputePort {
  const compute = computeClient();
  const id = identityClient();

  async function attachmentsOf(compartmentId: string, filter: { instanceId?: string }): Promise<core.VnicAttachment[]> {
    return calls.allPages('compute', (page, limit) =>
      compute.listVnicAttachments({ compartmentId, limit, ...filter, ...(page ? { page } : {}) }),
    );
  }

  return {
    async instanceAction(instanceId: string, action: InstanceAction) {
      try {
        // a 409 here is a state conflict the caller must see, not something to retry
        await calls.one('compute', () => compute.instanceAction({ instanceId, action }));
      } catch (e: unknown) {
        if (isAppError(e) && e.code === 'CONFLICT')
          throw new ConflictError(`cannot ${action} instance ${instanceId}: ${e.message}`, { cause: e });
        throw e;
      }
      return inventory.getInstance(instanceId);
    },
    async launch(spec) {
      const details: core.LaunchInstanceDetails = {
        compartmentId: spec.compartmentId,
        availabilityDomain: spec.availabilityDomain,
        displayName: spec.displayName,
        shape: spec.shape,
        ...(spec.ocpus !== undefined || spec.memoryInGBs !== undefined
          ? {
              shapeConfig: {
                ...(spec.ocpus !== undefined ? { ocpus: spec.ocpus } : {}),
                ...(spec.memoryInGBs !== undefined ? { memoryInGBs: spec.memoryInGBs } : {}),
              },
            }
          : {}),
        sourceDetails: {
          sourceType: 'image',
          imageId: spec.imageId,
          bootVolumeSizeInGBs: spec.bootVolumeSizeInGBs,
        } as core.InstanceSourceViaImageDetails,
        createVnicDetails: { subnetId: spec.subnetId, assignPublicIp: true },
        metadata: { ssh_authorized_keys: spec.sshPublicKey, user_data: Buffer.from(spec.userData).toString('base64') },
        freeformTags: spec.freeformTags,
      };
      const r = await calls.one('compute', () =>
        compute.launchInstance({ launchInstanceDetails: details, opcRetryToken: spec.retryToken }),
      );
      return inventory.getInstance(r.instance.id);
    },
    async findInstance({ compartmentId, displayName, tag }) {
      const items = await calls.allPages('compute', (page, limit) =>
        compute.listInstances({ compartmentId, displayName, limit, ...(page ? { page } : {}) }),
      );
      return items.find(
        (i) =>
          i.freeformTags?.[tag.key] === tag.value &&
          i.lifecycleState !== 'TERMINATING' &&
          i.lifecycleState !== 'TERMINATED',
      )?.id;
    },
    async terminate(instanceId) {
      await calls.one('compute', () => compute.terminateInstance({ instanceId, preserveBootVolume: false }));
    },
    async listImages(args) {
      const items = await calls.allPages('compute', (page, limit) =>
        compute.listImages({
          compartmentId: args.compartmentId,
          operatingSystem: args.operatingSystem,
          operatingSystemVersion: args.operatingSystemVersion,
          shape: args.shape,
          sortBy: coreRequests.ListImagesRequest.SortBy.Timecreated,
          sortOrder: coreRequests.ListImagesRequest.SortOrder.Desc,
          lifecycleState: 'AVAILABLE' as never,
          limit,
          ...(page ? { page } : {}),
        }),
      );
      return items.map(imageInfo).sort((a, b) => String(b.timeCreated).localeCompare(String(a.timeCreated)));
    },
    async getImage(imageId) {
      try {
        const r = await calls.one('compute', () => compute.getImage({ imageId }));
        return { ...imageInfo(r.image), lifecycleState: String(r.image.lifecycleState) };
      } catch (e: unknown) {
        if (isAppError(e) && e.code === 'NOT_FOUND')
          throw new NotFoundError(`image ${imageId} not found`, { cause: e, details: { imageId } });
        throw e;
      }
    },
    async listShapes({ compartmentId, imageId }) {
      const items = await calls.allPages('compute', (page, limit) =>
        compute.listShapes({ compartmentId, limit, ...(imageId ? { imageId } : {}), ...(page ? { page } : {}) }),
      );
      // OCI lists a shape once per availability domain when none is given: one entry per name
      return [...new Map(items.map((x) => [x.shape, shapeInfo(x)])).values()];
    },
    async listAvailabilityDomains(compartmentId) {
      const r = await calls.one('identity', () => id.listAvailabilityDomains({ compartmentId }));
      return r.items.map((a) => a.name!).filter(Boolean);
    },
    async countInstancesInSubnet({ compartmentId, subnetId, excludeInstanceId }) {
      const atts = await attachmentsOf(compartmentId, {});
      const users = new Set(
        atts
          .filter(
            (a) => a.subnetId === subnetId && a.instanceId !== excludeInstanceId && a.lifecycleState !== 'DETACHED',
          )
          .map((a) => a.instanceId),
      );
      return users.size;
    },
    async subnetOfInstance({ compartmentId, instanceId }) {
      const atts = await attachmentsOf(compartmentId, { instanceId });
      return atts.find((a) => a.subnetId)?.subnetId;
    },
  };
}
