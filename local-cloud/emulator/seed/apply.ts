/**
 * Creates a tenancy description (spec.ts) through the providers' create APIs, idempotently: a
 * marker per spec and per compartment in the state (`seed/applied`) means a restart or a second
 * call creates nothing twice, and compartments are reused by name.
 *
 * @example
 * const emu = await startEmulator({ stateDir });
 * await seedDemoTenancy(emu); // { applied: true, ... } on the first start, { applied: false } after
 */
import type { Emulator } from '../index.ts';
import type { ApiGatewayProvider } from '../services/apigateway/provider.ts';
import type { ComputeProvider } from '../services/compute/provider.ts';
import { SHAPES } from '../services/compute/catalog-data.ts';
import type { ImageRecord } from '../services/compute/tables.ts';
import type { ContainerEngineProvider } from '../services/containerengine/provider.ts';
import type { DatabaseProvider } from '../services/database/provider.ts';
import type { IdentityCompartmentRecord } from '../services/identity-compartments/store.ts';
import type { IdentityProvider } from '../services/identity-compartments/provider.ts';
import type { LoadBalancerProvider } from '../services/loadbalancer/provider.ts';
import type { MysqlProvider } from '../services/mysql/provider.ts';
import type { NetworkProvider } from '../services/network/provider.ts';
import { DEMO_TENANCY } from './demo-tenancy.ts';
import type { CompartmentSpec, InstanceSpec, NetworkSpec, TenancySpec } from './spec.ts';

export interface SeedResult {
  /** false when the spec had been applied to this state before */
  applied: boolean;
  /** records created, by kind */
  counts: Record<string, number>;
  /** compartment path (`demo/prod/prod-web`) → OCID */
  compartments: Record<string, string>;
}

interface Marker {
  appliedAt: string;
  counts?: Record<string, number>;
}

function need<T>(emu: Emulator, name: string): T {
  const p = emu.provider(name);
  if (!p) throw new Error(`the seed needs the ${name} provider`);
  return p as unknown as T;
}

export async function applyTenancy(emu: Emulator, spec: TenancySpec): Promise<SeedResult> {
  const markers = emu.store.collection<Marker>('seed', 'applied');
  const compartments: Record<string, string> = {};
  const counts: Record<string, number> = {};
  const done = markers.get(spec.name);
  const identity = need<IdentityProvider>(emu, 'identity');
  const bump = (k: string, n = 1) => {
    counts[k] = (counts[k] ?? 0) + n;
  };

  const existing = () => emu.store.collection<IdentityCompartmentRecord>('identity', 'compartments').values();
  function compartment(parent: string, c: CompartmentSpec): string {
    const found = existing().find(
      (r) => r.compartmentId === parent && r.name === c.name && r.lifecycleState === 'ACTIVE',
    );
    if (found) return found.id;
    bump('compartments');
    return identity.createCompartment({
      compartmentId: parent,
      name: c.name,
      description: c.description,
      ...(c.freeformTags ? { freeformTags: c.freeformTags } : {}),
    }).id;
  }

  function walk(parent: string, prefix: string, list: CompartmentSpec[]): void {
    for (const c of list) {
      const path = prefix ? `${prefix}/${c.name}` : c.name;
      const id = compartment(parent, c);
      compartments[path] = id;
      const key = `${spec.name}:${path}`;
      if (!markers.get(key)) {
        resources(emu, id, c, bump);
        markers.put(key, { appliedAt: new Date().toISOString() });
      }
      walk(id, path, c.children ?? []);
    }
  }
  walk(emu.tenancy.tenancyId, '', spec.compartments);
  if (!done) markers.put(spec.name, { appliedAt: new Date().toISOString(), counts });
  return { applied: !done, counts, compartments };
}

function newestImage(emu: Emulator, i: InstanceSpec, shape: string): string {
  const arch = SHAPES.find((s) => s.shape === shape)?.arch;
  if (!arch) throw new Error(`seed: unknown shape ${shape}`);
  const os = i.os ?? 'Canonical Ubuntu';
  const version = i.osVersion ?? '24.04';
  const img = emu.store
    .collection<ImageRecord>('compute', 'images')
    .values()
    .filter((m) => m._platform && m._arch === arch && m.operatingSystem === os && m.operatingSystemVersion === version)
    .sort((a, b) => b.timeCreated.localeCompare(a.timeCreated))[0];
  if (!img) throw new Error(`seed: no ${os} ${version} platform image for ${shape}`);
  return img.id;
}

function resources(
  emu: Emulator,
  compartmentId: string,
  c: CompartmentSpec,
  bump: (k: string, n?: number) => void,
): void {
  const net = need<NetworkProvider>(emu, 'network');
  const subnets = new Map<string, string>();
  const makeNetwork = (n: NetworkSpec) => {
    const vcn = net.createVcn({ compartmentId, cidrBlock: n.cidr, displayName: n.name });
    const ig = net.createInternetGateway({
      compartmentId,
      vcnId: vcn.id,
      isEnabled: true,
      displayName: `${n.name}-ig`,
    });
    net.setRouteRules(vcn.defaultRouteTableId, [
      { destination: '0.0.0.0/0', destinationType: 'CIDR_BLOCK', networkEntityId: ig.id },
    ]);
    const subnet = net.createSubnet({
      compartmentId,
      vcnId: vcn.id,
      cidrBlock: n.subnetCidr,
      displayName: `${n.name}-public`,
    });
    subnets.set(n.name, subnet.id);
    bump('networks');
  };
  for (const n of c.networks ?? []) makeNetwork(n);
  if (c.instances?.length) {
    if (!subnets.size) makeNetwork({ name: `${c.name}-vcn`, cidr: '10.99.0.0/16', subnetCidr: '10.99.0.0/20' });
    const compute = need<ComputeProvider>(emu, 'compute');
    for (const i of c.instances) {
      const shape = i.shape ?? 'VM.Standard.E2.1.Micro';
      const subnetId = i.network ? subnets.get(i.network) : subnets.values().next().value;
      if (!subnetId) throw new Error(`seed: instance ${i.name} names an unknown network ${i.network}`);
      const flex = SHAPES.find((s) => s.shape === shape)?.flex;
      const inst = compute.launchInstance(
        {
          compartmentId,
          displayName: i.name,
          shape,
          availabilityDomain: i.availabilityDomain ?? 'Uocm:US-ASHBURN-AD-1',
          ...(flex
            ? { shapeConfig: { ocpus: i.ocpus ?? 1, ...(i.memoryInGBs ? { memoryInGBs: i.memoryInGBs } : {}) } }
            : {}),
          sourceDetails: {
            sourceType: 'image',
            imageId: newestImage(emu, i, shape),
            ...(i.bootVolumeSizeInGBs ? { bootVolumeSizeInGBs: i.bootVolumeSizeInGBs } : {}),
          },
          createVnicDetails: { subnetId, assignPublicIp: i.assignPublicIp ?? true },
          ...(i.freeformTags ? { freeformTags: i.freeformTags } : {}),
        },
        { state: i.state === 'STOPPED' ? 'STOPPED' : i.state === 'PROVISIONING' ? 'PROVISIONING' : 'RUNNING' },
      );
      if (i.state === 'TERMINATED') compute.terminateInstance(inst.id, { immediate: true });
      bump('instances');
    }
  }
  if (c.autonomousDatabases?.length) {
    const db = need<DatabaseProvider>(emu, 'database');
    for (const a of c.autonomousDatabases) {
      db.createAutonomousDatabase({ ...a, compartmentId });
      bump('autonomousDatabases');
    }
  }
  if (c.mysqlDbSystems?.length) {
    const my = need<MysqlProvider>(emu, 'mysql');
    for (const m of c.mysqlDbSystems) {
      my.createDbSystem({ ...m, compartmentId, ...(subnets.size ? { subnetId: subnets.values().next().value! } : {}) });
      bump('mysqlDbSystems');
    }
  }
  if (c.clusters?.length) {
    const oke = need<ContainerEngineProvider>(emu, 'containerengine');
    for (const { nodePools, ...k } of c.clusters) {
      const cluster = oke.createCluster({ ...k, compartmentId });
      bump('clusters');
      for (const p of nodePools ?? []) {
        oke.createNodePool({ ...p, compartmentId, clusterId: cluster.id });
        bump('nodePools');
      }
    }
  }
  if (c.apiGateways?.length) {
    const apigw = need<ApiGatewayProvider>(emu, 'apigateway');
    for (const { deployments, ...g } of c.apiGateways) {
      const gw = apigw.createGateway({ ...g, compartmentId });
      bump('apiGateways');
      for (const d of deployments ?? []) {
        apigw.createDeployment({ ...d, compartmentId, gatewayId: gw.id });
        bump('deployments');
      }
    }
  }
  if (c.loadBalancers?.length) {
    const lbs = need<LoadBalancerProvider>(emu, 'loadbalancer');
    for (const l of c.loadBalancers) {
      lbs.createLoadBalancer({ ...l, compartmentId });
      bump('loadBalancers');
    }
  }
}

/** Seed the demo tenancy (seed/demo-tenancy.ts) unless this state already has it. */
export function seedDemoTenancy(emu: Emulator): Promise<SeedResult> {
  return applyTenancy(emu, DEMO_TENANCY);
}
