/**
 * The resources subschema against the emulator through the real oci-sdk clients: launch (network
 * created once, then reused), paginated inventory, cache hits and invalidation, actions and waits,
 * metrics grouping, role checks, 429 recovery, terminate with network cleanup.
 */
import { ComputeClient, VirtualNetworkClient } from 'oci-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uid } from '../helpers/emulator.ts';
import { startResourcesKit, type ResourcesKit } from './resources-kit.ts';

let kit: ResourcesKit;
let compartmentId: string;
const launched: string[] = [];
const prefix = `t${Date.now().toString(36).slice(-6)}`;

const LAUNCH = `mutation($input: LaunchInstanceInput!) { launchInstance(input: $input) {
  instance {
    id displayName shape ocpus memoryInGBs availabilityDomain faultDomain imageName lifecycleState privateIps publicIps
  }
  imageId sshPublicKey generatedPrivateKey network { vcnId subnetId created } } }`;
const LIST = `query($c: ID!, $fresh: Boolean) { resources(compartmentId: $c, kinds: [INSTANCE], fresh: $fresh) {
  nodes { ... on Instance { id displayName lifecycleState shape privateIps publicIps health { status reason } } } } }`;

beforeAll(async () => {
  kit = await startResourcesKit({ RESOURCES_PAGE_LIMIT: '2' });
  compartmentId = await kit.compartment(uid('res'));
}, 60_000);
afterAll(async () => {
  await kit?.stop();
});

describe('resources: instances', () => {
  it('launches with defaults, creating the convention network once and reusing it', async () => {
    const first = await kit.gql(LAUNCH, {
      input: { displayName: 'web-1', compartmentId, networkPrefix: prefix, openPorts: [80, 443] },
    });
    expect(first.errors).toBeUndefined();
    const r1 = first.data!.launchInstance;
    expect(r1.instance.shape).toBe('VM.Standard.E2.1.Micro');
    expect(r1.instance.imageName).toMatch(/^Canonical-Ubuntu-24\.04-2025/);
    expect(r1.generatedPrivateKey).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----/);
    expect(r1.sshPublicKey).toMatch(/^ssh-ed25519 /);
    expect(r1.network.created).toHaveLength(5);
    launched.push(r1.instance.id);

    const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMc8w3gL2v8zTJr2m6R0lCqgq3sBqK0rZ8ZrZsJm3aY1 me@host';
    for (const name of ['web-2', 'web-3', 'web-4', 'web-5']) {
      const r = await kit.gql(LAUNCH, {
        input: { displayName: name, compartmentId, networkPrefix: prefix, openPorts: [80], sshPublicKey: key },
      });
      expect(r.errors).toBeUndefined();
      expect(r.data!.launchInstance.generatedPrivateKey).toBeNull();
      expect(r.data!.launchInstance.network.created).toEqual([]);
      expect(r.data!.launchInstance.network.subnetId).toBe(r1.network.subnetId);
      launched.push(r.data!.launchInstance.instance.id);
    }
    const vn = kit.client(VirtualNetworkClient);
    const vcns = await vn.listVcns({ compartmentId });
    expect(vcns.items.map((v) => v.displayName)).toEqual([`${prefix}-vcn-us-ashburn-1`]);
    const sl = (
      await vn.listSecurityLists({
        compartmentId,
        vcnId: r1.network.vcnId,
        displayName: `${prefix}-public-sl-us-ashburn-1`,
      })
    ).items[0]!;
    expect(sl.ingressSecurityRules.map((x) => x.tcpOptions?.destinationPortRange?.min).sort()).toEqual(
      [22, 443, 80].sort(),
    );
  });

  it('a retried launch with the same idempotency key creates nothing new', async () => {
    const input = { displayName: 'idem', compartmentId, networkPrefix: `${prefix}b`, idempotencyKey: uid('k') };
    const a = await kit.gql(LAUNCH, { input });
    const b = await kit.gql(LAUNCH, { input });
    expect(a.errors).toBeUndefined();
    expect(b.data!.launchInstance.instance.id).toBe(a.data!.launchInstance.instance.id);
    expect(b.data!.launchInstance.network.created).toEqual([]);
    launched.push(a.data!.launchInstance.instance.id);
  });

  it('lists every page, then answers a repeat from the cache with no OCI call', async () => {
    const before = kit.seq();
    const r = await kit.gql(LIST, { c: compartmentId, fresh: true });
    expect(r.errors).toBeUndefined();
    const items = r.data!.resources.nodes;
    expect(items.map((i: { id: string }) => i.id).sort()).toEqual([...launched].sort());
    expect(
      items.every(
        (i: { privateIps: string[]; publicIps: string[] }) => i.privateIps.length === 1 && i.publicIps.length === 1,
      ),
    ).toBe(true);
    const calls = kit.callsSince(before);
    expect(calls.filter((c) => c.operation === 'ListInstances').length).toBe(Math.ceil(launched.length / 2));
    // IPs from ListPrivateIps (subnet) + ListPublicIps, never a
    // GetVnic per VNIC; the same as instance(id) (which uses GetVnic)
    expect(calls.filter((c) => c.operation === 'GetVnic')).toEqual([]);
    expect(
      calls.some((c) => c.operation === 'ListPrivateIps') && calls.some((c) => c.operation === 'ListPublicIps'),
    ).toBe(true);
    for (const i of items as { id: string; privateIps: string[]; publicIps: string[] }[]) {
      const one = await kit.gql(`query($id: ID!) { instance(id: $id) { privateIps publicIps } }`, { id: i.id });
      expect(one.data!.instance).toEqual({ privateIps: i.privateIps, publicIps: i.publicIps });
    }

    const again = kit.seq();
    const cached = await kit.gql(LIST, { c: compartmentId });
    expect(cached.data!.resources.nodes).toHaveLength(launched.length);
    expect(kit.callsSince(again).filter((c) => c.operation !== 'SummarizeMetricsData')).toEqual([]);
  });

  it('stops an instance, waits for STOPPED, and invalidates the cached list', async () => {
    const id = launched[1]!;
    const r = await kit.gql(
      `mutation($id: ID!) { instanceAction(id: $id, action: STOP, waitForState: true) { reachedTargetState ` +
        `targetState waited instance { lifecycleState } } }`,
      { id },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.instanceAction).toMatchObject({
      reachedTargetState: true,
      targetState: 'STOPPED',
      waited: true,
      instance: { lifecycleState: 'STOPPED' },
    });
    const before = kit.seq();
    const list = await kit.gql(LIST, { c: compartmentId });
    expect(kit.callsSince(before).some((c) => c.operation === 'ListInstances')).toBe(true);
    const stopped = list.data!.resources.nodes.find((i: { id: string }) => i.id === id);
    expect(stopped.lifecycleState).toBe('STOPPED');
    expect(stopped.health.status).toBe('DOWN');
  });

  it(
    'says when the state was not reached before the deadline, ' + 'and refuses an action invalid for the state',
    async () => {
      const id = launched[1]!;
      const r = await kit.gql(
        `mutation($id: ID!) { instanceAction(id: $id, action: START, waitForState: true) { reachedTargetState ` +
          `message instance { lifecycleState } } }`,
        { id },
        { remainingMs: 2_000 },
      );
      expect(r.errors).toBeUndefined();
      expect(r.data!.instanceAction.reachedTargetState).toBe(false);
      expect(r.data!.instanceAction.message).toMatch(/did not reach RUNNING/);
      const reset = await kit.gql(
        `mutation($id: ID!) { instanceAction(id: $id, action: RESET, waitForState: true) { reachedTargetState } }`,
        { id: launched[2]! },
      );
      expect(reset.errors).toBeUndefined();
      expect(reset.data!.instanceAction.reachedTargetState).toBe(true);
      // RESET needs RUNNING: on a STOPPED instance it is refused
      // (STOPPED is stable, so no race with the transition clock)
      const stopped = await kit.gql(
        `mutation($id: ID!) { instanceAction(id: $id, action: STOP, waitForState: true) { reachedTargetState } }`,
        { id: launched[2]! },
      );
      expect(stopped.data!.instanceAction.reachedTargetState).toBe(true);
      const bad = await kit.gql(
        `mutation($id: ID!) { instanceAction(id: $id, action: RESET) { reachedTargetState } }`,
        {
          id: launched[2]!,
        },
      );
      expect(bad.errors?.[0]?.extensions.code).toBe('CONFLICT');
      expect(bad.errors?.[0]?.message).toMatch(/it is STOPPED/);
    },
  );

  it('reads one instance and validates ids', async () => {
    const r = await kit.gql(`query($id: ID!) { instance(id: $id) { id compartmentId privateIps } }`, {
      id: launched[0]!,
    });
    expect(r.data!.instance).toMatchObject({ id: launched[0], compartmentId });
    const bad = await kit.gql(`{ instance(id: "not-an-ocid") { id } }`);
    expect(bad.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const before = kit.seq();
    const unknown = await kit.gql(
      `{ instance(id: "ocid1.instance.oc1.iad.aaaaaaaaunknownunknownunknownunknownunknownunknownunknownabc") { id } }`,
    );
    expect(unknown.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect(kit.callsSince(before).length).toBeGreaterThan(0);
    const wrongKind = await kit.gql(`mutation { instanceAction(id: "${compartmentId}", action: STOP) { waited } }`);
    expect(wrongKind.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('needs operator for actions and launch, viewer for reads', async () => {
    const viewer = await kit.gql(
      `mutation($id: ID!) { instanceAction(id: $id, action: STOP) { waited } }`,
      { id: launched[0]! },
      { roles: ['viewer'] },
    );
    expect(viewer.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const launch = await kit.gql(LAUNCH, { input: { displayName: 'x', compartmentId } }, { roles: ['viewer'] });
    expect(launch.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const read = await kit.gql(LIST, { c: compartmentId }, { roles: [] });
    expect(read.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const ok = await kit.gql(LIST, { c: compartmentId }, { roles: ['viewer'] });
    expect(ok.errors).toBeUndefined();
  });

  it('recovers from 429s with the shared retry policy', async () => {
    await fetch(`${kit.fx.emu.url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operation: 'ListInstances', status: 429, count: 3 }),
    });
    const before = kit.seq();
    const r = await kit.gql(LIST, { c: compartmentId, fresh: true });
    expect(r.errors).toBeUndefined();
    expect(r.data!.resources.nodes).toHaveLength(launched.length);
    const list = kit.callsSince(before).filter((c) => c.operation === 'ListInstances');
    expect(list.filter((c) => c.status === 429)).toHaveLength(3);
  });

  it('fetches metrics with one grouped query per compartment and metric', async () => {
    const before = kit.seq();
    const r = await kit.gql(
      `query($ids: [ID!]!) { metrics(resourceIds: $ids, names: [CPU, MEMORY], window: "1h", resolution: "5m") { ` +
        `resourceId name metric points { timestamp value } } }`,
      { ids: launched.slice(0, 3) },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.metrics).toHaveLength(6);
    const summarize = kit.callsSince(before).filter((c) => c.operation === 'SummarizeMetricsData');
    expect(summarize).toHaveLength(2);
    const bad = await kit.gql(
      `query($ids: [ID!]!) { metrics(resourceIds: $ids, names: [CPU], window: "9y") { resourceId } }`,
      { ids: launched.slice(0, 1) },
    );
    expect(bad.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    // one id of a type without metrics fails the whole list before any OCI call
    const mixedAt = kit.seq();
    const mixed = await kit.gql(`query($ids: [ID!]!) { metrics(resourceIds: $ids, names: [CPU]) { resourceId } }`, {
      ids: [launched[3]!, launched[4]!, compartmentId],
    });
    expect(mixed.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(mixed.errors?.[0]?.message).toMatch(
      new RegExp(
        'resourceIds\\[2\\] must be the OCID of a instance or autonomousdatabase or mysqldbsystem or loadbalancer, ' +
          'got a compartment',
      ),
    );
    expect(kit.callsSince(mixedAt)).toEqual([]);
  });

  it('terminates, and removes the network only once nothing else uses it', async () => {
    const TERMINATE =
      `mutation($id: ID!) { terminateInstance(id: $id, cleanupNetwork: true) { id lifecycleState ` +
      `removedNetwork networkKept } }`;
    const first = await kit.gql(TERMINATE, { id: launched[0]! });
    expect(first.errors).toBeUndefined();
    expect(first.data!.terminateInstance.removedNetwork).toEqual([]);
    expect(first.data!.terminateInstance.networkKept).toMatch(/other instances? still use/);
    for (const id of launched.slice(1, 5)) {
      const r = await kit.gql(TERMINATE, { id });
      expect(r.errors).toBeUndefined();
      if (id === launched[4]) {
        expect(r.data!.terminateInstance.removedNetwork).toHaveLength(5);
        expect(r.data!.terminateInstance.networkKept).toBeNull();
      }
    }
    const vcns = await kit
      .client(VirtualNetworkClient)
      .listVcns({ compartmentId, displayName: `${prefix}-vcn-us-ashburn-1` });
    expect(vcns.items).toEqual([]);
  }, 30_000);
});

describe('resources: launch input is checked before the network is built', () => {
  const WRITES = /^(Create|Update|Delete|Launch)/;
  /** every network piece of the compartment, by kind */
  async function networkOf(c: string) {
    const vn = kit.client(VirtualNetworkClient);
    const [vcns, subnets, igws, rts, sls] = await Promise.all([
      vn.listVcns({ compartmentId: c }),
      vn.listSubnets({ compartmentId: c }),
      vn.listInternetGateways({ compartmentId: c }),
      vn.listRouteTables({ compartmentId: c }),
      vn.listSecurityLists({ compartmentId: c }),
    ]);
    const live = (xs: { id: string; lifecycleState?: unknown }[]) =>
      xs
        .filter((x) => x.lifecycleState !== 'TERMINATED' && x.lifecycleState !== 'TERMINATING')
        .map((x) => x.id)
        .sort();
    // a VCN brings a default route table and security list of its own: count only the named (managed) ones
    const named = (xs: { id: string; displayName?: string; lifecycleState?: unknown }[]) =>
      live(xs.filter((x) => x.displayName?.startsWith('t')));
    return {
      vcns: live(vcns.items),
      subnets: live(subnets.items),
      igws: live(igws.items),
      rts: named(rts.items),
      sls: named(sls.items),
    };
  }
  const EMPTY = { vcns: [], subnets: [], igws: [], rts: [], sls: [] };

  it('answers each bad input with a clear error, and creates nothing', async () => {
    const c = await kit.compartment(uid('badlaunch'));
    const p = `${prefix}x`;
    const arm = (
      await kit
        .client(ComputeClient)
        .listImages({ compartmentId: c, shape: 'VM.Standard.A1.Flex', operatingSystem: 'Canonical Ubuntu' })
    ).items[0]!;
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [
        { imageId: 'ocid1.image.oc1.iad.aaaaaaaanosuchimagenosuchimagenosuchimagenosuchimage' },
        'NOT_FOUND',
        /image .* not found/,
      ],
      [
        { availabilityDomain: 'Uocm:NOPE-AD-9' },
        'BAD_USER_INPUT',
        /Uocm:NOPE-AD-9 is not an availability domain of this region \(Uocm:US-ASHBURN-AD-1/,
      ],
      [{ shape: 'VM.Nope.1' }, 'BAD_USER_INPUT', /VM\.Nope\.1 is not offered .*VM\.Standard\.E2\.1\.Micro/],
      [{ ocpus: 3 }, 'BAD_USER_INPUT', /VM\.Standard\.E2\.1\.Micro is not flexible: it has 1 OCPU/],
      [{ shape: 'VM.Standard.E4.Flex', ocpus: 100 }, 'BAD_USER_INPUT', /takes 1 to 64 OCPUs, not 100/],
      [{ shape: 'VM.Standard.E4.Flex', ocpus: 2, memoryInGBs: 1000 }, 'BAD_USER_INPUT', /GB of memory per OCPU/],
      [{ imageId: arm.id }, 'BAD_USER_INPUT', /aarch64.* is not compatible with shape VM\.Standard\.E2\.1\.Micro/],
    ];
    for (const [extra, code, message] of cases) {
      const before = kit.seq();
      const r = await kit.gql(LAUNCH, {
        input: { displayName: uid('bad'), compartmentId: c, networkPrefix: p, ...extra },
      });
      expect(r.errors?.[0]?.extensions.code, JSON.stringify(extra)).toBe(code);
      expect(r.errors?.[0]?.message).toMatch(message);
      expect(
        kit.callsSince(before).filter((x) => WRITES.test(x.operation)),
        JSON.stringify(extra),
      ).toEqual([]);
    }
    expect(await networkOf(c)).toEqual(EMPTY);
  });

  it(
    'takes back the pieces it created when OCI still turns the ' + 'launch down, and never touches reused ones',
    async () => {
      const c = await kit.compartment(uid('rejected'));
      const p = `${prefix}r`;
      const reject = () =>
        kit.fx.emu.faults.add({
          operation: 'LaunchInstance',
          status: 400,
          code: 'InvalidParameter',
          message: 'rejected by a fault rule',
          count: 1,
        });
      reject();
      const first = await kit.gql(LAUNCH, { input: { displayName: uid('vm'), compartmentId: c, networkPrefix: p } });
      expect(first.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      expect(await networkOf(c)).toEqual(EMPTY);

      // a network that exists is reused by the next launch; a rejected launch leaves it as it was
      const ok = await kit.gql(LAUNCH, {
        input: { displayName: uid('vm'), compartmentId: c, networkPrefix: p, openPorts: [80] },
      });
      expect(ok.errors).toBeUndefined();
      const net = await networkOf(c);
      expect(net.vcns).toHaveLength(1);
      expect(net.subnets).toHaveLength(1);
      reject();
      const again = await kit.gql(LAUNCH, {
        input: { displayName: uid('vm'), compartmentId: c, networkPrefix: p, openPorts: [8080] },
      });
      expect(again.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      expect(await networkOf(c)).toEqual(net);
      const sl = (
        await kit
          .client(VirtualNetworkClient)
          .listSecurityLists({ compartmentId: c, vcnId: net.vcns[0]!, displayName: `${p}-public-sl-us-ashburn-1` })
      ).items[0]!;
      expect(sl.ingressSecurityRules.map((x) => x.tcpOptions?.destinationPortRange?.min).sort()).toEqual([22, 80]);
    },
  );

  it('with an idempotencyKey, a rejected launch keeps its network so the same key retried converges', async () => {
    const c = await kit.compartment(uid('rejected-key'));
    const input = { displayName: uid('vm'), compartmentId: c, networkPrefix: `${prefix}k`, idempotencyKey: uid('key') };
    kit.fx.emu.faults.add({
      operation: 'LaunchInstance',
      status: 400,
      code: 'LimitExceeded',
      message: 'rejected by a fault rule',
      count: 1,
    });
    const first = await kit.gql(LAUNCH, { input });
    expect(first.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const kept = await networkOf(c);
    expect(kept.vcns).toHaveLength(1);
    const retried = await kit.gql(LAUNCH, { input });
    expect(retried.errors).toBeUndefined();
    expect(await networkOf(c)).toEqual(kept);
  });
});
