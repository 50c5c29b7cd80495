/** {@link ComputePort} over ComputeClient and IdentityClient. */
import { requests as coreRequests, type models as core } from 'oci-core';
import { ConflictError, isAppError } from '#shared/errors.ts';
import type { OciCalls } from './calls.ts';
import { computeClient, identityClient, type createOciInventory } from './inventory-oci.ts';
import type { ComputePort, InstanceAction, InventoryPort } from './ports.ts';

export function createOciCompute(calls: OciCalls, inventory: ReturnType<typeof createOciInventory> & InventoryPort): ComputePort {
  const compute = computeClient();
  const id = identityClient();

  async function attachmentsOf(compartmentId: string, filter: { instanceId?: string }): Promise<core.VnicAttachment[]> {
    return calls.allPages('compute', (page, limit) => compute.listVnicAttachments({ compartmentId, limit, ...filter, ...(page ? { page } : {}) }));
  }

  return {
    async instanceAction(instanceId: string, action: InstanceAction) {
      try {
        // a 409 here is a state conflict the caller must see, not something to retry
        await calls.one('compute', () => compute.instanceAction({ instanceId, action }));
      } catch (e: unknown) {
        if (isAppError(e) && e.code === 'CONFLICT') throw new ConflictError(`cannot ${action} instance ${instanceId}: ${e.message}`, { cause: e });
        throw e;
      }
      return inventory.getInstance(instanceId);
    },
    async launch(spec) {
      const details: core.LaunchInstanceDetails = {
        compartmentId: spec.compartmentId, availabilityDomain: spec.availabilityDomain, displayName: spec.displayName, shape: spec.shape,
        ...(spec.ocpus !== undefined || spec.memoryInGBs !== undefined ? { shapeConfig: { ...(spec.ocpus !== undefined ? { ocpus: spec.ocpus } : {}), ...(spec.memoryInGBs !== undefined ? { memoryInGBs: spec.memoryInGBs } : {}) } } : {}),
        sourceDetails: { sourceType: 'image', imageId: spec.imageId, bootVolumeSizeInGBs: spec.bootVolumeSizeInGBs } as core.InstanceSourceViaImageDetails,
        createVnicDetails: { subnetId: spec.subnetId, assignPublicIp: true },
        metadata: { ssh_authorized_keys: spec.sshPublicKey, user_data: Buffer.from(spec.userData).toString('base64') },
        freeformTags: spec.freeformTags,
      };
      const r = await calls.one('compute', () => compute.launchInstance({ launchInstanceDetails: details, opcRetryToken: spec.retryToken }));
      return inventory.getInstance(r.instance.id);
    },
    async findInstance({ compartmentId, displayName, tag }) {
      const items = await calls.allPages('compute', (page, limit) => compute.listInstances({ compartmentId, displayName, limit, ...(page ? { page } : {}) }));
      return items.find((i) => i.freeformTags?.[tag.key] === tag.value && i.lifecycleState !== 'TERMINATING' && i.lifecycleState !== 'TERMINATED')?.id;
    },
    async terminate(instanceId) {
      await calls.one('compute', () => compute.terminateInstance({ instanceId, preserveBootVolume: false }));
    },
    async listImages(args) {
      const items = await calls.allPages('compute', (page, limit) => compute.listImages({
        compartmentId: args.compartmentId, operatingSystem: args.operatingSystem, operatingSystemVersion: args.operatingSystemVersion, shape: args.shape,
        sortBy: coreRequests.ListImagesRequest.SortBy.Timecreated, sortOrder: coreRequests.ListImagesRequest.SortOrder.Desc,
        lifecycleState: 'AVAILABLE' as never, limit, ...(page ? { page } : {}),
      }));
      return items
        .map((i) => ({ id: i.id, displayName: i.displayName ?? i.id, operatingSystem: i.operatingSystem, operatingSystemVersion: i.operatingSystemVersion, timeCreated: i.timeCreated ? new Date(String(i.timeCreated)).toISOString() : null }))
        .sort((a, b) => String(b.timeCreated).localeCompare(String(a.timeCreated)));
    },
    async listAvailabilityDomains(compartmentId) {
      const r = await calls.one('identity', () => id.listAvailabilityDomains({ compartmentId }));
      return r.items.map((a) => a.name!).filter(Boolean);
    },
    async countInstancesInSubnet({ compartmentId, subnetId, excludeInstanceId }) {
      const atts = await attachmentsOf(compartmentId, {});
      const users = new Set(atts.filter((a) => a.subnetId === subnetId && a.instanceId !== excludeInstanceId && a.lifecycleState !== 'DETACHED').map((a) => a.instanceId));
      return users.size;
    },
    async subnetOfInstance({ compartmentId, instanceId }) {
      const atts = await attachmentsOf(compartmentId, { instanceId });
      return atts.find((a) => a.subnetId)?.subnetId;
    },
  };
}

