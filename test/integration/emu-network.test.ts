/** Virtual Network provider through VirtualNetworkClient: CRUD, filters, retry tokens, delete conflicts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualNetworkClient } from 'oci-core';
import { allPages, failure, startKit, uid, type Kit } from './emu-kit.ts';

let kit: Kit;
let net: VirtualNetworkClient;
let cid: string;

beforeAll(async () => {
  kit = await startKit();
  net = kit.client(VirtualNetworkClient);
  cid = kit.tenancyId;
});
afterAll(async () => {
  await kit.fx.stop();
});

describe('VCN and its dependents', () => {
  it(
    'refuses to delete a VCN while it has a subnet, gateway, ' + 'route table or security list (409 Conflict)',
    async () => {
      const vcn = (
        await net.createVcn({
          createVcnDetails: {
            compartmentId: cid,
            cidrBlock: '10.5.0.0/16',
            displayName: uid('vcn'),
            dnsLabel: 'vcnfive',
          },
        })
      ).vcn;
      expect(vcn).toMatchObject({ lifecycleState: 'AVAILABLE', vcnDomainName: 'vcnfive.oraclevcn.com' });
      const ig = (
        await net.createInternetGateway({
          createInternetGatewayDetails: { compartmentId: cid, vcnId: vcn.id, isEnabled: true },
        })
      ).internetGateway;
      const rt = (
        await net.createRouteTable({
          createRouteTableDetails: {
            compartmentId: cid,
            vcnId: vcn.id,
            routeRules: [{ destination: '0.0.0.0/0', destinationType: 'CIDR_BLOCK' as never, networkEntityId: ig.id }],
          },
        })
      ).routeTable;
      const sl = (
        await net.createSecurityList({
          createSecurityListDetails: {
            compartmentId: cid,
            vcnId: vcn.id,
            egressSecurityRules: [{ destination: '0.0.0.0/0', protocol: 'all' }],
            ingressSecurityRules: [
              { source: '0.0.0.0/0', protocol: '6', tcpOptions: { destinationPortRange: { min: 443, max: 443 } } },
            ],
          },
        })
      ).securityList;
      const subnet = (
        await net.createSubnet({
          createSubnetDetails: {
            compartmentId: cid,
            vcnId: vcn.id,
            cidrBlock: '10.5.1.0/24',
            routeTableId: rt.id,
            securityListIds: [sl.id],
          },
        })
      ).subnet;
      expect(subnet).toMatchObject({ routeTableId: rt.id, securityListIds: [sl.id], virtualRouterIp: '10.5.1.1' });
      const conflicts = [
        net.deleteVcn({ vcnId: vcn.id }),
        net.deleteRouteTable({ rtId: rt.id }),
        net.deleteSecurityList({ securityListId: sl.id }),
        net.deleteInternetGateway({ igId: ig.id }),
      ];
      for (const c of conflicts) expect((await failure(c)).serviceCode).toBe('Conflict');
      await net.deleteSubnet({ subnetId: subnet.id });
      await net.deleteRouteTable({ rtId: rt.id });
      await net.deleteInternetGateway({ igId: ig.id });
      expect((await failure(net.deleteVcn({ vcnId: vcn.id }))).message).toContain(sl.id);
      await net.deleteSecurityList({ securityListId: sl.id });
      await net.deleteVcn({ vcnId: vcn.id });
      expect((await failure(net.getVcn({ vcnId: vcn.id }))).statusCode).toBe(404);
      expect((await failure(net.getRouteTable({ rtId: vcn.defaultRouteTableId! }))).statusCode).toBe(404);
    },
  );

  it('validates CIDRs and references with 400', async () => {
    const vcn = (await net.createVcn({ createVcnDetails: { compartmentId: cid, cidrBlock: '10.6.0.0/16' } })).vcn;
    await net.createSubnet({ createSubnetDetails: { compartmentId: cid, vcnId: vcn.id, cidrBlock: '10.6.0.0/24' } });
    for (const cidrBlock of ['10.7.0.0/24', '10.6.0.128/25', '10.6.1.1/24', 'banana']) {
      expect(
        (await failure(net.createSubnet({ createSubnetDetails: { compartmentId: cid, vcnId: vcn.id, cidrBlock } })))
          .statusCode,
      ).toBe(400);
    }
    expect(
      (
        await failure(
          net.createSubnet({ createSubnetDetails: { compartmentId: cid, vcnId: 'bad', cidrBlock: '10.6.2.0/24' } }),
        )
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await failure(
          net.createSubnet({
            createSubnetDetails: {
              compartmentId: cid,
              vcnId: 'ocid1.vcn.oc1.iad.aaaaaaaanope',
              cidrBlock: '10.6.2.0/24',
            },
          }),
        )
      ).statusCode,
    ).toBe(404);
  });
});

describe('lists, updates and retry tokens', () => {
  it('pages and filters by displayName and vcnId; updates; a retry token returns the same VCN', async () => {
    const name = uid('same');
    const token = uid('tok');
    const details = { compartmentId: cid, cidrBlock: '10.8.0.0/16', displayName: name };
    const a = (await net.createVcn({ createVcnDetails: details, opcRetryToken: token })).vcn;
    const b = (await net.createVcn({ createVcnDetails: details, opcRetryToken: token })).vcn;
    expect(b.id).toBe(a.id);
    expect(
      (
        await failure(
          net.createVcn({ createVcnDetails: { ...details, cidrBlock: '10.9.0.0/16' }, opcRetryToken: token }),
        )
      ).serviceCode,
    ).toBe('InvalidatedRetryToken');
    expect((await net.listVcns({ compartmentId: cid, displayName: name })).items.map((v) => v.id)).toEqual([a.id]);
    for (let i = 0; i < 4; i++)
      await net.createSecurityList({
        createSecurityListDetails: {
          compartmentId: cid,
          vcnId: a.id,
          egressSecurityRules: [],
          ingressSecurityRules: [],
        },
      });
    const lists = await allPages((page) =>
      net.listSecurityLists({ compartmentId: cid, vcnId: a.id, limit: 2, ...(page ? { page } : {}) }),
    );
    expect(lists.items).toHaveLength(5);
    expect(lists.pages).toBe(3);
    const renamed = await net.updateVcn({
      vcnId: a.id,
      updateVcnDetails: { displayName: `${name}-x`, freeformTags: { k: 'v' } },
    });
    expect(renamed.vcn).toMatchObject({ displayName: `${name}-x`, freeformTags: { k: 'v' } });
    expect(
      (await failure(net.updateVcn({ vcnId: a.id, ifMatch: 'stale', updateVcnDetails: { displayName: 'y' } })))
        .statusCode,
    ).toBe(412);
  });

  it('creates and deletes reserved public IPs; other operations answer 501', async () => {
    const ip = (
      await net.createPublicIp({ createPublicIpDetails: { compartmentId: cid, lifetime: 'RESERVED' as never } })
    ).publicIp;
    expect(ip.ipAddress).toMatch(/^129\.80\./);
    expect(
      (await net.listPublicIps({ compartmentId: cid, scope: 'REGION' as never })).items.map((p) => p.id),
    ).toContain(ip.id);
    await net.deletePublicIp({ publicIpId: ip.id! });
    const e = await failure(net.listNatGateways({ compartmentId: cid }));
    expect([e.statusCode, e.message.includes('ListNatGateways')]).toEqual([501, true]);
  });
});
