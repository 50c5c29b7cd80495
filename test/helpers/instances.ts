/**
 * A RUNNING instance on its own VCN and subnet, launched through the real oci-core clients (the
 * emulator or the whole stack behind them): the source of the export and image tests.
 */
import type { ComputeClient, VirtualNetworkClient, models } from 'oci-core';
import { uid, waitFor } from './emulator.ts';

/** The first bytes of each exported image format (VHD's also closes the file). */
export const IMAGE_MAGIC = {
  QCOW2: Buffer.from('QFI\xfb', 'latin1'),
  VMDK: Buffer.from('KDMV', 'latin1'),
  VHD: Buffer.from('conectix'),
  VDI: Buffer.from('<<< Oracle VM VirtualBox Disk Image >>>'),
} as const;

export interface LaunchOptions {
  compute: ComputeClient;
  network: VirtualNetworkClient;
  compartmentId: string;
  /** The VCN's second octet: 10.<octet>.0.0/16, its subnet 10.<octet>.0.0/24 (one per test file). */
  octet: number;
  availabilityDomain?: string;
  namePrefix?: string;
}

/** Launches a VM.Standard.E2.1.Micro from the first Oracle Linux image and waits until it is RUNNING. */
export async function launchRunningInstance(o: LaunchOptions): Promise<string> {
  const { compute, network, compartmentId } = o;
  const cidr = `10.${o.octet}.0.0`;
  const vcn = (await network.createVcn({ createVcnDetails: { compartmentId, cidrBlock: `${cidr}/16` } })).vcn;
  const subnet = (
    await network.createSubnet({ createSubnetDetails: { compartmentId, vcnId: vcn.id, cidrBlock: `${cidr}/24` } })
  ).subnet;
  const shape = 'VM.Standard.E2.1.Micro';
  const image = (await compute.listImages({ compartmentId, operatingSystem: 'Oracle Linux', shape })).items[0];
  if (!image) throw new Error('the emulator has no Oracle Linux image for ' + shape);
  const sourceDetails: models.InstanceSourceViaImageDetails = { sourceType: 'image', imageId: image.id };
  const id = (
    await compute.launchInstance({
      launchInstanceDetails: {
        compartmentId,
        availabilityDomain: o.availabilityDomain ?? 'Uocm:US-ASHBURN-AD-1',
        shape,
        displayName: uid(o.namePrefix ?? 'vm'),
        sourceDetails,
        createVnicDetails: { subnetId: subnet.id },
      },
    })
  ).instance.id;
  await waitFor(async () => (await compute.getInstance({ instanceId: id })).instance.lifecycleState === 'RUNNING', {
    what: 'instance RUNNING',
  });
  return id;
}
