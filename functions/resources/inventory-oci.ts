/**
 * {@link InventoryPort} over the oci-sdk clients: Identity (compartments), Compute and Virtual
 * Network (instances with their IPs and image names), and the per-service lists in services-oci.ts.
 * A compartment's instances cost ListInstances + ListVnicAttachments + ListPrivateIps per subnet in
 * use + ListPublicIps per AD in use and one for reserved IPs (all paginated), never a call per VNIC.
 */
import { ComputeClient, VirtualNetworkClient, requests as coreRequests, type models as core } from 'oci-core';
import { IdentityClient, requests as identityRequests, type models as identity } from 'oci-identity';
import { NotFoundError, isAppError } from '#shared/errors.ts';
import { createOciClient } from '#shared/oci/index.ts';
import { iso, tagsOf, type OciCalls } from './calls.ts';
import type { CompartmentRecord, InstanceView, InventoryPort, ListKind, ListKindValue } from './ports.ts';
import { createServiceLists } from './services-oci.ts';
import { ocidType } from '#shared/ocid.ts';
import { badInput } from '#shared/validate.ts';

export const identityClient = () => createOciClient(IdentityClient, { service: 'IDENTITY' });
export const computeClient = () => createOciClient(ComputeClient, { service: 'CORE' });
export const networkClient = () => createOciClient(VirtualNetworkClient, { service: 'CORE' });

const imageNames = new Map<string, Promise<string | null>>();

function compartmentOf(c: identity.Compartment): CompartmentRecord {
  return {
    id: c.id,
    name: c.name,
    description: c.description ?? '',
    parentId: c.compartmentId ?? null,
    lifecycleState: String(c.lifecycleState),
    timeCreated: iso(c.timeCreated),
  };
}

export function instanceView(
  i: core.Instance,
  ips: { privateIps: string[]; publicIps: string[] },
  imageName: string | null,
): InstanceView {
  return {
    kind: 'INSTANCE',
    id: i.id,
    displayName: i.displayName ?? i.id,
    compartmentId: i.compartmentId,
    lifecycleState: String(i.lifecycleState),
    timeCreated: iso(i.timeCreated),
    freeformTags: tagsOf(i.freeformTags),
    shape: i.shape,
    ocpus: i.shapeConfig?.ocpus ?? null,
    memoryInGBs: i.shapeConfig?.memoryInGBs ?? null,
    availabilityDomain: i.availabilityDomain,
    faultDomain: i.faultDomain ?? null,
    imageId: i.imageId ?? null,
    imageName,
    ...ips,
  };
}

export function createOciInventory(calls: OciCalls, options: { tenancyId: string }): InventoryPort {
  const id = identityClient();
  const compute = computeClient();
  const vn = networkClient();
  const lists = createServiceLists(calls);

  const imageName = (imageId: string | undefined): Promise<string | null> => {
    if (!imageId) return Promise.resolve(null);
    let p = imageNames.get(imageId);
    if (!p) {
      p = calls
        .one('compute', () => compute.getImage({ imageId }))
        .then(
          (r) => r.image.displayName ?? null,
          (e: unknown) => {
            imageNames.delete(imageId);
            if (isAppError(e) && e.code === 'NOT_FOUND') return null;
            throw e;
          },
        );
      imageNames.set(imageId, p);
    }
    return p;
  };

  type Ips = { privateIps: string[]; publicIps: string[] };
  const live = (a: core.VnicAttachment) =>
    !!a.vnicId && (a.lifecycleState === 'ATTACHED' || a.lifecycleState === 'ATTACHING');

  /** private/public IPs per instance id, one GetVnic per attachment (exact; for one instance) */
  async function ipsByVnic(attachments: core.VnicAttachment[]): Promise<Map<string, Ips>> {
    const out = new Map<string, Ips>();
    await Promise.all(
      attachments.filter(live).map(async (a) => {
        let vnic: core.Vnic;
        try {
          vnic = (await calls.one('network', () => vn.getVnic({ vnicId: a.vnicId! }))).vnic;
        } catch (e: unknown) {
          if (isAppError(e) && e.code === 'NOT_FOUND') return; // detached meanwhile
          throw e;
        }
        const cur = out.get(a.instanceId) ?? { privateIps: [], publicIps: [] };
        if (vnic.privateIp) cur.privateIps.push(vnic.privateIp);
        if (vnic.publicIp) cur.publicIps.push(vnic.publicIp);
        out.set(a.instanceId, cur);
      }),
    );
    return out;
  }

  /** primary private IP per VNIC id in a subnet: one paginated ListPrivateIps, shared by the request's compartments */
  const subnetIps = new Map<string, Promise<Map<string, { id: string; ipAddress: string }>>>();
  const primaryIpsOf = (subnetId: string) => {
    let p = subnetIps.get(subnetId);
    if (!p) {
      p = calls
        .allPages('network', (page, limit) => vn.listPrivateIps({ subnetId, limit, ...(page ? { page } : {}) }))
        .then(
          (ips) =>
            new Map(
              ips
                .filter((ip) => ip.isPrimary && ip.vnicId && ip.id && ip.ipAddress)
                .map((ip) => [ip.vnicId!, { id: ip.id!, ipAddress: ip.ipAddress! }]),
            ),
        );
      subnetIps.set(subnetId, p);
    }
    return p;
  };

  /**
   * Public IPs of private IPs in a compartment, by private IP OCID: ephemeral ones are AD-scoped
   * (one ListPublicIps per availability domain in use), reserved ones regional (one more).
   * A reserved IP kept in another compartment than its VNIC is not seen here (instance(id) sees it).
   */
  async function publicIpsIn(compartmentId: string, ads: string[]): Promise<Map<string, string>> {
    const { Scope } = coreRequests.ListPublicIpsRequest;
    const lists = await Promise.all([
      ...ads.map((availabilityDomain) =>
        calls.allPages('network', (page, limit) =>
          vn.listPublicIps({
            scope: Scope.AvailabilityDomain,
            availabilityDomain,
            compartmentId,
            limit,
            ...(page ? { page } : {}),
          }),
        ),
      ),
      calls.allPages('network', (page, limit) =>
        vn.listPublicIps({
          scope: Scope.Region,
          lifetime: coreRequests.ListPublicIpsRequest.Lifetime.Reserved,
          compartmentId,
          limit,
          ...(page ? { page } : {}),
        }),
      ),
    ]);
    const out = new Map<string, string>();
    for (const p of lists.flat()) {
      const target = p.assignedEntityId ?? p.privateIpId;
      if (
        target &&
        p.ipAddress &&
        (p.assignedEntityType === undefined || String(p.assignedEntityType) === 'PRIVATE_IP')
      )
        out.set(target, p.ipAddress);
    }
    return out;
  }

  /**
   * private/public IPs per instance id for a compartment's attachments without a call per VNIC:
   * ListPrivateIps per subnet (primary IP of each VNIC) and ListPublicIps for the compartment.
   */
  async function ipsByList(compartmentId: string, attachments: core.VnicAttachment[]): Promise<Map<string, Ips>> {
    const att = attachments.filter(live);
    const out = new Map<string, Ips>();
    if (!att.length) return out;
    const subnets = [...new Set(att.map((a) => a.subnetId).filter((x): x is string => !!x))];
    const ads = [...new Set(att.map((a) => a.availabilityDomain))];
    const [primaries, publics] = await Promise.all([
      Promise.all(subnets.map(primaryIpsOf)),
      publicIpsIn(compartmentId, ads),
    ]);
    const byVnic = new Map(primaries.flatMap((m) => [...m]));
    for (const a of att) {
      const ip = byVnic.get(a.vnicId!);
      if (!ip) continue; // not in the subnet lists (detached meanwhile)
      const cur = out.get(a.instanceId) ?? { privateIps: [], publicIps: [] };
      cur.privateIps.push(ip.ipAddress);
      const pub = publics.get(ip.id);
      if (pub) cur.publicIps.push(pub);
      out.set(a.instanceId, cur);
    }
    return out;
  }

  async function listInstances(compartmentId: string): Promise<InstanceView[]> {
    const [instances, attachments] = await Promise.all([
      calls.allPages('compute', (page, limit) =>
        compute.listInstances({ compartmentId, limit, ...(page ? { page } : {}) }),
      ),
      calls.allPages('compute', (page, limit) =>
        compute.listVnicAttachments({ compartmentId, limit, ...(page ? { page } : {}) }),
      ),
    ]);
    const running = new Set(instances.filter((i) => i.lifecycleState !== 'TERMINATED').map((i) => i.id));
    const [ips, names] = await Promise.all([
      ipsByList(
        compartmentId,
        attachments.filter((a) => running.has(a.instanceId)),
      ),
      Promise.all(instances.map((i) => imageName(i.imageId))),
    ]);
    return instances.map((i, n) =>
      instanceView(i, ips.get(i.id) ?? { privateIps: [], publicIps: [] }, names[n] ?? null),
    );
  }

  return {
    tenancyId: options.tenancyId,
    async getCompartment(compartmentId) {
      return compartmentOf((await calls.one('identity', () => id.getCompartment({ compartmentId }))).compartment);
    },
    async listCompartments({ parentId, subtree }) {
      const items = await calls.allPages('identity', (page, limit) =>
        id.listCompartments({
          compartmentId: parentId,
          limit,
          ...(page ? { page } : {}),
          ...(subtree
            ? { compartmentIdInSubtree: true, accessLevel: identityRequests.ListCompartmentsRequest.AccessLevel.Any }
            : {}),
        }),
      );
      return items.map(compartmentOf);
    },
    list<K extends ListKind>(kind: K, compartmentId: string): Promise<ListKindValue[K][]> {
      if (kind === 'instances') return listInstances(compartmentId) as Promise<ListKindValue[K][]>;
      return lists[kind as Exclude<ListKind, 'instances'>](compartmentId) as Promise<ListKindValue[K][]>;
    },
    backendSetHealth: (loadBalancerId, backendSetName) => lists.backendSetHealth(loadBalancerId, backendSetName),
    async compartmentOf(resourceId) {
      const type = ocidType(resourceId);
      if (type === 'instance')
        return (await calls.one('compute', () => compute.getInstance({ instanceId: resourceId }))).instance
          .compartmentId;
      if (type === 'autonomousdatabase' || type === 'mysqldbsystem' || type === 'loadbalancer')
        return lists.compartmentOf(type, resourceId);
      throw badInput(
        'resourceIds',
        `metrics are available for instances, autonomous databases, MySQL DB systems and load balancers, not ${type}`,
        { resourceId },
      );
    },
    async getInstance(instanceId) {
      const i = (await calls.one('compute', () => compute.getInstance({ instanceId }))).instance;
      if (!i) throw new NotFoundError(`instance ${instanceId} not found`);
      const [attachments, name] = await Promise.all([
        i.lifecycleState === 'TERMINATED'
          ? Promise.resolve([])
          : calls.allPages('compute', (page, limit) =>
              compute.listVnicAttachments({
                compartmentId: i.compartmentId,
                instanceId,
                limit,
                ...(page ? { page } : {}),
              }),
            ),
        imageName(i.imageId),
      ]);
      const ips = await ipsByVnic(attachments);
      return instanceView(i, ips.get(i.id) ?? { privateIps: [], publicIps: [] }, name);
    },
  };
}
