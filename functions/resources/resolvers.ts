/** Resolvers of schema/resources/*.graphql: role checks and input validation here, logic in the domain modules. */
import { requireRole, sliceConnection, type Connection, type SubschemaContext } from '#shared/graphql/index.ts';
import { requireOcid } from '#shared/ocid.ts';
import { badInput, requireDuration, requireInt, requireList, requireNumber, requireString } from '#shared/validate.ts';
import type { Inventory } from './inventory.ts';
import { requireSshPublicKey } from './keys.ts';
import { backendSetHealthOf, lifecycleStateOf } from './lifecycle.ts';
import { fetchSeries, METRIC_RESOURCE_TYPES } from './metrics.ts';
import { instanceAction, launchInstance, terminateInstance, type OperationsDeps } from './operations.ts';
import { RESOURCE_KINDS, type HealthStatus, type InventoryPort, type MetricsPort, type ResourceView } from './ports.ts';
import type { LaunchInstanceInput, Resolvers } from './resolver-types.generated.ts';

/** What the resources resolvers get (built per request by handler.ts / tests). */
export interface ResourcesContext extends SubschemaContext {
  inventory: Inventory;
  port: InventoryPort;
  metrics: MetricsPort;
  ops: OperationsDeps;
}

/** A page of resources as the resolvers build it: the whole list rides along for `healthSummary`. */
export interface ResourceConnectionSource extends Connection<ResourceView> {
  totalCount: number;
  all: ResourceView[];
}

const MAX_IDS = 200;
const NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]*$/;
const PREFIX = /^[a-z][a-z0-9-]{0,19}$/;
const COMPARTMENT_TYPES = ['compartment', 'tenancy'] as const;
const fresh = (a: { fresh?: boolean | null }) => a.fresh === true;
const compartmentArg = (v: string, field: string) => requireOcid(v, field, COMPARTMENT_TYPES);

/** Page sizes of the in-memory lists (compartments, resources). */
const PAGE = { default: 500, max: 1000 } as const;

const lifecycleField = { lifecycleState: (r: { lifecycleState: string }) => lifecycleStateOf(r.lifecycleState) };

const resourceFields = {
  ...lifecycleField,
  freeformTags: (r: ResourceView) => Object.entries(r.freeformTags).map(([key, value]) => ({ key, value })),
  health: (r: ResourceView, _: unknown, ctx: ResourcesContext) => ctx.inventory.health(r),
};

const TYPE_OF_KIND = {
  INSTANCE: 'Instance',
  DATABASE: 'Database',
  CLUSTER: 'Cluster',
  API_GATEWAY: 'ApiGateway',
  LOAD_BALANCER: 'LoadBalancer',
} as const;

/** The launch as operations.ts takes it: every rule GraphQL cannot check, and the defaults. */
function launchInputOf(i: LaunchInstanceInput) {
  return {
    displayName: requireString(i.displayName, 'input.displayName', {
      max: 100,
      pattern: NAME,
      hint: 'may hold letters, digits, space, dot, dash and underscore',
    }),
    compartmentId: compartmentArg(i.compartmentId, 'input.compartmentId'),
    shape:
      i.shape == null
        ? 'VM.Standard.E2.1.Micro'
        : requireString(i.shape, 'input.shape', { max: 64, pattern: /^[A-Za-z0-9.]+$/ }),
    ...(i.ocpus == null ? {} : { ocpus: requireNumber(i.ocpus, 'input.ocpus', 1, 128) }),
    ...(i.memoryInGBs == null ? {} : { memoryInGBs: requireNumber(i.memoryInGBs, 'input.memoryInGBs', 1, 2048) }),
    ...(i.imageId == null ? {} : { imageId: requireOcid(i.imageId, 'input.imageId', ['image']) }),
    bootVolumeSizeInGBs:
      i.bootVolumeSizeInGBs == null ? 50 : requireInt(i.bootVolumeSizeInGBs, 'input.bootVolumeSizeInGBs', 50, 32_768),
    ...(i.sshPublicKey == null ? {} : { sshPublicKey: requireSshPublicKey(i.sshPublicKey, 'input.sshPublicKey') }),
    ...(i.userData == null ? {} : { userData: requireString(i.userData, 'input.userData', { max: 24_000 }) }),
    ...(i.availabilityDomain == null
      ? {}
      : {
          availabilityDomain: requireString(i.availabilityDomain, 'input.availabilityDomain', {
            max: 100,
            pattern: /^[A-Za-z0-9:_-]+$/,
          }),
        }),
    networkPrefix:
      i.networkPrefix == null
        ? 'dash'
        : requireString(i.networkPrefix, 'input.networkPrefix', {
            max: 20,
            pattern: PREFIX,
            hint: 'must be lower-case letters, digits and dashes, starting with a letter',
          }),
    openPorts:
      i.openPorts == null ? [] : requireList(i.openPorts, 'input.openPorts', 20, (v, f) => requireInt(v, f, 1, 65_535)),
    ...(i.idempotencyKey == null
      ? {}
      : {
          idempotencyKey: requireString(i.idempotencyKey, 'input.idempotencyKey', {
            max: 64,
            pattern: /^[A-Za-z0-9_-]+$/,
          }),
        }),
  };
}

export const resourcesResolvers: Resolvers = {
  Query: {
    async compartments(_, a, ctx) {
      requireRole(ctx.caller, 'viewer');
      const rootId = a.rootId == null ? undefined : compartmentArg(a.rootId, 'rootId');
      const name = a.name == null ? undefined : requireString(a.name, 'name', { max: 100 });
      const all = await ctx.inventory.compartments({
        ...(rootId ? { rootId } : {}),
        includeSubtree: a.includeSubtree !== false,
        ...(name ? { name } : {}),
        fresh: fresh(a),
      });
      return { ...sliceConnection(all, (c) => c.id, a, PAGE), totalCount: all.length };
    },
    async resources(_, a, ctx) {
      requireRole(ctx.caller, 'viewer');
      const compartmentId = compartmentArg(a.compartmentId, 'compartmentId');
      const kinds = a.kinds == null ? [...RESOURCE_KINDS] : [...new Set(a.kinds)];
      const compartments = await ctx.inventory.compartments({
        rootId: compartmentId,
        includeSubtree: a.includeSubtree === true,
        fresh: fresh(a),
      });
      const scope = a.includeSubtree === true ? compartments : compartments.filter((c) => c.id === compartmentId);
      const byKind = await ctx.inventory.resources(
        scope.map((c) => c.id),
        kinds,
        fresh(a),
      );
      const all = [...byKind.values()].flat();
      return { ...sliceConnection(all, (r) => r.id, a, PAGE), totalCount: all.length, all };
    },
    async instance(_, a, ctx) {
      requireRole(ctx.caller, 'viewer');
      return ctx.port.getInstance(requireOcid(a.id, 'id', ['instance']));
    },
    async metrics(_, a, ctx) {
      requireRole(ctx.caller, 'viewer');
      // every id's type checked here, so a list with one unsupported id fails before any OCI call
      const ids = requireList(a.resourceIds, 'resourceIds', MAX_IDS, (v, f) =>
        requireOcid(v, f, METRIC_RESOURCE_TYPES),
      );
      const names = [...new Set(a.names)];
      if (!ids.length || !names.length)
        throw badInput(ids.length ? 'names' : 'resourceIds', 'resourceIds and names must not be empty');
      const window = requireDuration(a.window ?? '1h', 'window', 60_000, 7 * 86_400_000);
      const resolution = requireDuration(a.resolution ?? '5m', 'resolution', 60_000, 86_400_000);
      if (window.ms / resolution.ms > 1440)
        throw badInput('resolution', 'window / resolution must be at most 1440 points; use a coarser resolution');
      const compartments = await ctx.inventory.compartmentsOf(ids);
      const resources = ids.map((id) => ({ id, compartmentId: compartments.get(id)! }));
      return fetchSeries(ctx.metrics, { resources, names, windowMs: window.ms, resolution: resolution.text });
    },
  },
  Mutation: {
    async instanceAction(_, a, ctx) {
      requireRole(ctx.caller, 'operator');
      const id = requireOcid(a.id, 'id', ['instance']);
      const r = await instanceAction(ctx.ops, { id, action: a.action, waitForState: a.waitForState === true });
      ctx.log.info('instance action', {
        instanceId: id,
        action: a.action,
        by: ctx.caller.userId,
        reached: r.reachedTargetState,
      });
      return r;
    },
    async launchInstance(_, a, ctx) {
      requireRole(ctx.caller, 'operator');
      return launchInstance(ctx.ops, launchInputOf(a.input));
    },
    async terminateInstance(_, a, ctx) {
      requireRole(ctx.caller, 'operator');
      const r = await terminateInstance(ctx.ops, {
        id: requireOcid(a.id, 'id', ['instance']),
        cleanupNetwork: a.cleanupNetwork === true,
      });
      ctx.log.info('instance terminated', {
        instanceId: r.id,
        by: ctx.caller.userId,
        removedNetwork: r.removedNetwork.length,
      });
      return r;
    },
  },
  Compartment: lifecycleField,
  NodePool: lifecycleField,
  ApiDeployment: lifecycleField,
  TerminateInstanceResult: lifecycleField,
  InstanceActionResult: { targetState: (r) => lifecycleStateOf(r.targetState) },
  ResourceConnection: {
    async healthSummary(s, _, ctx) {
      const counts = new Map<HealthStatus, number>();
      for (const h of await Promise.all(s.all.map((r) => ctx.inventory.health(r))))
        counts.set(h.status, (counts.get(h.status) ?? 0) + 1);
      return [...counts].map(([status, count]) => ({ status, count }));
    },
  },
  BackendSetHealth: {
    status: (h) => backendSetHealthOf(h.status),
    criticalBackends: async (h, _, ctx) => (await ctx.inventory.backendDetail(h)).criticalBackends,
    warningBackends: async (h, _, ctx) => (await ctx.inventory.backendDetail(h)).warningBackends,
    unknownBackends: async (h, _, ctx) => (await ctx.inventory.backendDetail(h)).unknownBackends,
  },
  Resource: { __resolveType: (r) => TYPE_OF_KIND[r.kind] },
  Instance: resourceFields,
  Database: { ...resourceFields, engine: (d) => d.databaseKind },
  Cluster: resourceFields,
  ApiGateway: resourceFields,
  LoadBalancer: resourceFields,
};
