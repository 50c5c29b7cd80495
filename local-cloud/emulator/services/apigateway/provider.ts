/**
 * API Gateway (GatewayClient and DeploymentClient, `/20190501`): ListGateways, GetGateway,
 * ListDeployments, GetDeployment (collection bodies `{ items }`) over records made by
 * `createGateway`/`createDeployment` (seed, tests, bench). Every other operation of those two
 * clients answers 501 naming it.
 *
 * Limitations against OCI: read-only over REST; hostnames and IPs point nowhere (the local stack's
 * real API Gateway front is local-cloud/apigw); specifications are stored as given.
 */
import { randomBytes } from 'node:crypto';
import { OciErrors } from '../../core/errors.ts';
import type { Provider, ProviderContext } from '../../core/types.ts';
import { surfaceOf } from '../resource-kit/catalog.ts';
import { readonlyRoutes, seedBase, type SeedCommon } from '../resource-kit/readonly.ts';
import { ResourceTable, type ResourceRecord } from '../resource-kit/table.ts';
import { timingFromEnv } from '../resource-kit/timing.ts';
import { obj, oneOf, optionalStr, str } from '../resource-kit/validate.ts';

export interface GatewayRecord extends ResourceRecord {
  displayName: string;
  endpointType: string;
  subnetId?: string;
  hostname: string;
  ipAddresses: { ipAddress: string }[];
  timeUpdated: string;
}
export interface DeploymentRecord extends ResourceRecord {
  displayName: string;
  gatewayId: string;
  pathPrefix: string;
  endpoint: string;
  specification: Record<string, unknown>;
  timeUpdated: string;
}

export interface GatewayInput extends SeedCommon {
  /** PUBLIC | PRIVATE @default PUBLIC */ endpointType?: string;
  subnetId?: string;
}
export interface DeploymentInput extends SeedCommon {
  gatewayId: string;
  pathPrefix: string;
  specification?: Record<string, unknown>;
}

export interface ApiGatewayProvider extends Provider {
  createGateway(i: GatewayInput): GatewayRecord;
  createDeployment(i: DeploymentInput): DeploymentRecord;
}

const sortKeys = { timecreated: 'timeCreated', displayname: 'displayName' } as const;
const summary = (r: DeploymentRecord) => {
  const { specification: _s, _etag, _next, ...rest } = r;
  return rest;
};

export function apiGatewayProvider(ctx: ProviderContext): ApiGatewayProvider {
  const gateways = new ResourceTable<GatewayRecord>(ctx, 'apigateway', 'gateways', 'gateway');
  const deployments = new ResourceTable<DeploymentRecord>(ctx, 'apigateway', 'deployments', 'deployment');
  const timing = timingFromEnv();
  const routes = [
    ...readonlyRoutes(ctx, {
      table: gateways,
      path: '/20190501/gateways',
      idParam: 'gatewayId',
      list: 'ListGateways',
      get: 'GetGateway',
      filters: { displayName: 'displayName' },
      sortKeys,
      wrap: true,
    }),
    ...readonlyRoutes(ctx, {
      table: deployments,
      path: '/20190501/deployments',
      idParam: 'deploymentId',
      list: 'ListDeployments',
      get: 'GetDeployment',
      filters: { displayName: 'displayName', gatewayId: 'gatewayId' },
      sortKeys,
      wrap: true,
      view: summary,
    }),
  ];
  function createGateway(i: GatewayInput): GatewayRecord {
    const base = seedBase(ctx, 'apigateway', i, { finalState: 'ACTIVE', settleMs: timing.transitionMs });
    const type =
      i.endpointType === undefined ? 'PUBLIC' : oneOf(i.endpointType, 'endpointType', ['PUBLIC', 'PRIVATE'] as const);
    const host = `${randomBytes(13)
      .toString('base64url')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, 'a')}.apigateway.us-ashburn-1.oci.customer-oci.com`;
    return gateways.put({
      ...base,
      displayName: i.displayName ?? `gateway-${randomBytes(3).toString('hex')}`,
      endpointType: type,
      ...(i.subnetId ? { subnetId: i.subnetId } : {}),
      hostname: host,
      ipAddresses: [
        {
          ipAddress:
            type === 'PUBLIC'
              ? `129.80.${randomBytes(1)[0]}.${2 + (randomBytes(1)[0]! % 250)}`
              : `10.0.3.${2 + (gateways.col.size % 250)}`,
        },
      ],
      timeUpdated: base.timeCreated,
    } as GatewayRecord);
  }
  function createDeployment(i: DeploymentInput): DeploymentRecord {
    const gw = gateways.require(i.gatewayId, 'gatewayId');
    const prefix = str(i.pathPrefix, 'pathPrefix', { pattern: /^\/[A-Za-z0-9._~\-/]*$/ });
    if (deployments.col.values().some((d) => d.gatewayId === gw.id && d.pathPrefix === prefix))
      throw OciErrors.conflict(`Gateway ${gw.id} already has a deployment at ${prefix}`);
    const base = seedBase(ctx, 'apideployment', i, { finalState: 'ACTIVE', settleMs: timing.transitionMs });
    return deployments.put({
      ...base,
      displayName: optionalStr(i.displayName, 'displayName') ?? (prefix.slice(1) || 'root'),
      gatewayId: gw.id,
      pathPrefix: prefix,
      endpoint: `https://${gw.hostname}${prefix}`,
      specification: i.specification
        ? obj(i.specification, 'specification')
        : { routes: [{ path: '/', methods: ['ANY'], backend: { type: 'HTTP_BACKEND', url: 'https://example.com' } }] },
      timeUpdated: base.timeCreated,
    } as DeploymentRecord);
  }
  return {
    name: 'apigateway',
    routes,
    ...surfaceOf(['GatewayClient', 'DeploymentClient'], routes),
    createGateway,
    createDeployment,
  };
}
