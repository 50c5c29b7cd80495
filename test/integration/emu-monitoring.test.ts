/** Monitoring provider through MonitoringClient.summarizeMetricsData: MQL subset, grouping, determinism. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MonitoringClient } from 'oci-monitoring';
import { IdentityClient } from 'oci-identity';
import { VirtualNetworkClient } from 'oci-core';
import type { ComputeProvider } from '#local/emulator/services/compute/provider.ts';
import { failure, startKit, uid, type Kit } from './emu-kit.ts';

let kit: Kit;
let mon: MonitoringClient;
let parent: string;
let child: string;
const running: string[] = [];
let stopped: string;
let nested: string;
const end = new Date(Math.floor(Date.now() / 300_000) * 300_000);
const start = new Date(end.getTime() - 3_600_000);

const summarize = (
  compartmentId: string,
  query: string,
  o: { resolution?: string; subtree?: boolean; namespace?: string } = {},
) =>
  mon.summarizeMetricsData({
    compartmentId,
    ...(o.subtree ? { compartmentIdInSubtree: true } : {}),
    summarizeMetricsDataDetails: {
      namespace: o.namespace ?? 'oci_computeagent',
      query,
      startTime: start,
      endTime: end,
      ...(o.resolution ? { resolution: o.resolution } : {}),
    },
  });

beforeAll(async () => {
  kit = await startKit();
  mon = kit.client(MonitoringClient);
  const identity = kit.client(IdentityClient);
  parent = (
    await identity.createCompartment({
      createCompartmentDetails: { compartmentId: kit.tenancyId, name: uid('mon'), description: 'metrics' },
    })
  ).compartment.id;
  child = (
    await identity.createCompartment({
      createCompartmentDetails: { compartmentId: parent, name: uid('kid'), description: 'nested' },
    })
  ).compartment.id;
  const net = kit.client(VirtualNetworkClient);
  const compute = kit.fx.emu.provider<ComputeProvider>('compute')!;
  const image = kit.fx.emu.store
    .collection<{ id: string; _platform?: boolean; _arch: string }>('compute', 'images')
    .values()
    .find((i) => i._platform && i._arch === 'x86_64')!.id;
  const launch = async (compartmentId: string, state: 'RUNNING' | 'STOPPED') => {
    const vcn = (await net.createVcn({ createVcnDetails: { compartmentId, cidrBlock: '10.0.0.0/16' } })).vcn;
    const subnetId = (
      await net.createSubnet({ createSubnetDetails: { compartmentId, vcnId: vcn.id, cidrBlock: '10.0.0.0/24' } })
    ).subnet.id;
    return compute.launchInstance(
      {
        compartmentId,
        availabilityDomain: 'Uocm:US-ASHBURN-AD-1',
        shape: 'VM.Standard.E2.1.Micro',
        sourceDetails: { sourceType: 'image', imageId: image },
        createVnicDetails: { subnetId },
      },
      { state },
    ).id;
  };
  for (let i = 0; i < 3; i++) running.push(await launch(parent, 'RUNNING'));
  stopped = await launch(parent, 'STOPPED');
  nested = await launch(child, 'RUNNING');
});
afterAll(async () => {
  await kit.fx.stop();
});

describe('SummarizeMetricsData', () => {
  it('answers one series per running resource with timestamps aligned to the resolution', async () => {
    const r = (await summarize(parent, 'CpuUtilization[5m].mean()', { resolution: '5m' })).items;
    expect(r.map((s) => s.dimensions.resourceId).sort()).toEqual([...running].sort());
    expect(r.some((s) => s.dimensions.resourceId === stopped)).toBe(false);
    for (const s of r) {
      expect(s.aggregatedDatapoints).toHaveLength(13);
      for (const p of s.aggregatedDatapoints) {
        expect(new Date(p.timestamp).getTime() % 300_000).toBe(0);
        expect(p.value).toBeGreaterThanOrEqual(0);
        expect(p.value).toBeLessThanOrEqual(100);
      }
    }
    expect(r[0]!.metadata).toMatchObject({ unit: 'percent' });
  });

  it('filters with = and =~ alternatives, groups by resourceId, and is deterministic', async () => {
    const one = (await summarize(parent, `CpuUtilization[1m]{resourceId = "${running[0]}"}.max()`)).items;
    expect(one).toHaveLength(1);
    expect(one[0]!.aggregatedDatapoints).toHaveLength(61);
    const two = (
      await summarize(
        parent,
        `MemoryUtilization[5m]{resourceId =~ "${running[1]}|${running[2]}"}.groupBy(resourceId).mean()`,
        { resolution: '5m' },
      )
    ).items;
    expect(two.map((s) => s.dimensions).sort((a, b) => a.resourceId!.localeCompare(b.resourceId!))).toEqual(
      [running[1], running[2]].sort().map((resourceId) => ({ resourceId })),
    );
    const again = (
      await summarize(
        parent,
        `MemoryUtilization[5m]{resourceId =~ "${running[1]}|${running[2]}"}.groupBy(resourceId).mean()`,
        { resolution: '5m' },
      )
    ).items;
    expect(again).toEqual(two);
  });

  it('aggregates a grouping() query into one series whose mean is the mean of the per-resource series', async () => {
    const per = (await summarize(parent, 'CpuUtilization[5m].mean()', { resolution: '5m' })).items;
    const all = (await summarize(parent, 'CpuUtilization[5m].grouping().mean()', { resolution: '5m' })).items;
    expect(all).toHaveLength(1);
    expect(all[0]!.dimensions).toEqual({});
    const expected = per.reduce((a, s) => a + s.aggregatedDatapoints[3]!.value, 0) / per.length;
    expect(all[0]!.aggregatedDatapoints[3]!.value).toBeCloseTo(expected, 2);
    const counts = (await summarize(parent, 'CpuUtilization[5m].grouping().count()', { resolution: '5m' })).items;
    expect(counts[0]!.aggregatedDatapoints[3]!.value).toBe(15);
  });

  it('includes sub-compartments with compartmentIdInSubtree', async () => {
    const ids = (await summarize(parent, 'NetworksBytesIn[5m].sum()', { resolution: '5m', subtree: true })).items.map(
      (s) => s.dimensions.resourceId,
    );
    expect(ids).toContain(nested);
    expect(ids).toHaveLength(4);
  });

  it('answers 400 InvalidParameter naming what it does not support', async () => {
    for (const [q, word] of [
      ['CpuUtilization[1m].absent()', 'absent'],
      ['CpuUtilization[7x].mean()', '7x'],
      ['CpuUtilization[1m]{resourceId != "a"}.mean()', 'dimension'],
      ['CpuUtilization[1m]', 'statistic'],
    ] as const) {
      const e = await failure(summarize(parent, q));
      expect([e.statusCode, e.serviceCode]).toEqual([400, 'InvalidParameter']);
      expect(e.message).toContain(word);
    }
    expect((await failure(summarize(parent, 'CpuUtilization[1m].mean()', { resolution: '5m' }))).statusCode).toBe(400);
    expect((await summarize(parent, 'NoSuchMetric[1m].mean()')).items).toEqual([]);
    expect((await failure(mon.listAlarms({ compartmentId: parent }))).statusCode).toBe(501);
  });
});
