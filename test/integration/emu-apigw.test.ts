/** API Gateway provider through GatewayClient and DeploymentClient. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeploymentClient, GatewayClient } from 'oci-apigateway';
import type { ApiGatewayProvider } from '#local/emulator/services/apigateway/provider.ts';
import { failure, startKit, uid, type Kit } from './emu-kit.ts';

let kit: Kit;
let gateways: GatewayClient;
let deployments: DeploymentClient;
let p: ApiGatewayProvider;

beforeAll(async () => {
  kit = await startKit();
  gateways = kit.client(GatewayClient);
  deployments = kit.client(DeploymentClient);
  p = kit.fx.emu.provider<ApiGatewayProvider>('apigateway')!;
});
afterAll(async () => {
  await kit.fx.stop();
});

describe('gateways and deployments', () => {
  it('pages gateway collections and lists deployments by gateway with their endpoints', async () => {
    const gws = Array.from({ length: 3 }, (_, i) =>
      p.createGateway({ compartmentId: kit.tenancyId, displayName: uid('gw'), endpointType: i ? 'PUBLIC' : 'PRIVATE' }),
    );
    const d1 = p.createDeployment({ compartmentId: kit.tenancyId, gatewayId: gws[0]!.id, pathPrefix: '/v1' });
    p.createDeployment({ compartmentId: kit.tenancyId, gatewayId: gws[1]!.id, pathPrefix: '/v1' });
    const first = await gateways.listGateways({ compartmentId: kit.tenancyId, limit: 2 });
    expect(first.gatewayCollection.items).toHaveLength(2);
    const second = await gateways.listGateways({ compartmentId: kit.tenancyId, limit: 2, page: first.opcNextPage! });
    expect(second.gatewayCollection.items).toHaveLength(1);
    expect(second.opcNextPage).toBeUndefined();
    const gw = (await gateways.getGateway({ gatewayId: gws[0]!.id })).gateway;
    expect(gw).toMatchObject({ endpointType: 'PRIVATE', lifecycleState: 'ACTIVE' });
    expect(gw.hostname).toMatch(/\.apigateway\.us-ashburn-1\.oci\.customer-oci\.com$/);
    const ds = (await deployments.listDeployments({ compartmentId: kit.tenancyId, gatewayId: gws[0]!.id }))
      .deploymentCollection.items;
    expect(ds.map((d) => d.id)).toEqual([d1.id]);
    expect(ds[0]!.endpoint).toBe(`https://${gw.hostname}/v1`);
    expect((await deployments.getDeployment({ deploymentId: d1.id })).deployment.specification.routes).toHaveLength(1);
  });

  it('answers 404, 400 and 501', async () => {
    expect(
      (await failure(gateways.getGateway({ gatewayId: 'ocid1.apigateway.oc1.iad.aaaaaaaanone' }))).statusCode,
    ).toBe(404);
    expect((await failure(deployments.getDeployment({ deploymentId: '!' }))).statusCode).toBe(400);
    expect(
      (await failure(gateways.deleteGateway({ gatewayId: 'ocid1.apigateway.oc1.iad.aaaaaaaanone' }))).statusCode,
    ).toBe(501);
  });
});
