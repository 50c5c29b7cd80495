/** Identity provider through IdentityClient: compartments, availability domains, tenancy. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityClient, requests } from 'oci-identity';
import { allPages, failure, startKit, uid, type Kit } from './emu-kit.ts';

let kit: Kit;
let identity: IdentityClient;
const create = async (parent: string, name = uid('c')) =>
  (
    await identity.createCompartment({
      createCompartmentDetails: { compartmentId: parent, name, description: `test ${name}` },
    })
  ).compartment;

beforeAll(async () => {
  kit = await startKit();
  identity = kit.client(IdentityClient);
});
afterAll(async () => {
  await kit.fx.stop();
});

describe('compartments', () => {
  it('creates a tree and lists direct children or the whole subtree, paginated', async () => {
    const top = await create(kit.tenancyId);
    const kids = [];
    for (let i = 0; i < 5; i++) kids.push(await create(top.id));
    const grandchild = await create(kids[0]!.id);
    const direct = await allPages((page) =>
      identity.listCompartments({ compartmentId: top.id, limit: 2, ...(page ? { page } : {}) }),
    );
    expect(direct.pages).toBe(3);
    expect(direct.items.map((c) => c.id).sort()).toEqual(kids.map((k) => k.id).sort());
    const subtree = await allPages((page) =>
      identity.listCompartments({
        compartmentId: kit.tenancyId,
        compartmentIdInSubtree: true,
        accessLevel: requests.ListCompartmentsRequest.AccessLevel.Any,
        limit: 3,
        ...(page ? { page } : {}),
      }),
    );
    expect(subtree.items.map((c) => c.id)).toEqual(
      expect.arrayContaining([top.id, grandchild.id, ...kids.map((k) => k.id)]),
    );
    const named = await identity.listCompartments({ compartmentId: top.id, name: kids[2]!.name });
    expect(named.items.map((c) => c.id)).toEqual([kids[2]!.id]);
  });

  it('gets, updates and deletes; refuses duplicates, subtree on a non-root and deleting a parent', async () => {
    const top = await create(kit.tenancyId);
    const child = await create(top.id);
    expect((await identity.getCompartment({ compartmentId: child.id })).compartment).toMatchObject({
      name: child.name,
      compartmentId: top.id,
      lifecycleState: 'ACTIVE',
    });
    const dup = await failure(create(top.id, child.name));
    expect([dup.statusCode, dup.serviceCode]).toEqual([409, 'Conflict']);
    expect(
      (await failure(identity.listCompartments({ compartmentId: top.id, compartmentIdInSubtree: true }))).statusCode,
    ).toBe(400);
    const parent = await failure(identity.deleteCompartment({ compartmentId: top.id }));
    expect([parent.statusCode, parent.serviceCode]).toEqual([409, 'Conflict']);
    const updated = await identity.updateCompartment({
      compartmentId: child.id,
      updateCompartmentDetails: { description: 'changed' },
    });
    expect(updated.compartment.description).toBe('changed');
    await identity.deleteCompartment({ compartmentId: child.id });
    expect((await identity.getCompartment({ compartmentId: child.id })).compartment.lifecycleState).toMatch(
      /^DELET(ING|ED)$/,
    );
  });

  it('answers 404 for unknown, 400 for malformed OCIDs, and the root compartment for the tenancy id', async () => {
    const nf = await failure(identity.getCompartment({ compartmentId: 'ocid1.compartment.oc1..aaaaaaaanothere' }));
    expect([nf.statusCode, nf.serviceCode]).toEqual([404, 'NotAuthorizedOrNotFound']);
    expect((await failure(identity.getCompartment({ compartmentId: 'nope' }))).statusCode).toBe(400);
    expect((await failure(create('ocid1.compartment.oc1..aaaaaaaanothere'))).statusCode).toBe(404);
    expect((await identity.getCompartment({ compartmentId: kit.tenancyId })).compartment.id).toBe(kit.tenancyId);
  });
});

describe('tenancy and availability domains', () => {
  it('lists three ADs and gets the tenancy; other identity operations answer 501', async () => {
    const ads = (await identity.listAvailabilityDomains({ compartmentId: kit.tenancyId })).items;
    expect(ads.map((a) => a.name)).toEqual(['Uocm:US-ASHBURN-AD-1', 'Uocm:US-ASHBURN-AD-2', 'Uocm:US-ASHBURN-AD-3']);
    expect((await identity.getTenancy({ tenancyId: kit.tenancyId })).tenancy.id).toBe(kit.tenancyId);
    const e = await failure(identity.listUsers({ compartmentId: kit.tenancyId }));
    expect(e.statusCode).toBe(501);
    expect(e.message).toContain('ListUsers');
  });
});
