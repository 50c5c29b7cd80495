/** Data: the shapes and platform images this local region offers. */

export type Arch = 'x86_64' | 'aarch64';

export interface ShapeSpec {
  shape: string;
  arch: Arch;
  processorDescription: string;
  billingType: 'ALWAYS_FREE' | 'LIMITED_FREE' | 'PAID';
  networkingBandwidthInGbps: number;
  maxVnicAttachments: number;
  /** fixed shapes */
  ocpus?: number;
  memoryInGBs?: number;
  /** flexible shapes */
  flex?: {
    minOcpus: number;
    maxOcpus: number;
    minMemory: number;
    maxMemory: number;
    defaultPerOcpu: number;
    minPerOcpu: number;
    maxPerOcpu: number;
  };
}

export const SHAPES: ShapeSpec[] = [
  {
    shape: 'VM.Standard.E2.1.Micro',
    arch: 'x86_64',
    processorDescription: '2.0 GHz AMD EPYC™ 7551 (Naples)',
    billingType: 'ALWAYS_FREE',
    networkingBandwidthInGbps: 0.48,
    maxVnicAttachments: 1,
    ocpus: 1,
    memoryInGBs: 1,
  },
  {
    shape: 'VM.Standard.E4.Flex',
    arch: 'x86_64',
    processorDescription: '2.55 GHz AMD EPYC™ 7J13 (Milan)',
    billingType: 'PAID',
    networkingBandwidthInGbps: 1,
    maxVnicAttachments: 2,
    flex: {
      minOcpus: 1,
      maxOcpus: 64,
      minMemory: 1,
      maxMemory: 1024,
      defaultPerOcpu: 16,
      minPerOcpu: 1,
      maxPerOcpu: 64,
    },
  },
  {
    shape: 'VM.Standard.E5.Flex',
    arch: 'x86_64',
    processorDescription: '2.4 GHz AMD EPYC™ 9J14 (Genoa)',
    billingType: 'PAID',
    networkingBandwidthInGbps: 1,
    maxVnicAttachments: 2,
    flex: {
      minOcpus: 1,
      maxOcpus: 94,
      minMemory: 1,
      maxMemory: 1049,
      defaultPerOcpu: 12,
      minPerOcpu: 1,
      maxPerOcpu: 64,
    },
  },
  {
    shape: 'VM.Standard.A1.Flex',
    arch: 'aarch64',
    processorDescription: '3.0 GHz Ampere® Altra™',
    billingType: 'LIMITED_FREE',
    networkingBandwidthInGbps: 1,
    maxVnicAttachments: 2,
    flex: { minOcpus: 1, maxOcpus: 80, minMemory: 1, maxMemory: 512, defaultPerOcpu: 6, minPerOcpu: 1, maxPerOcpu: 64 },
  },
  {
    shape: 'VM.Standard3.Flex',
    arch: 'x86_64',
    processorDescription: '2.0 GHz Intel® Xeon® Platinum 8167M (Ice Lake)',
    billingType: 'PAID',
    networkingBandwidthInGbps: 1,
    maxVnicAttachments: 2,
    flex: {
      minOcpus: 1,
      maxOcpus: 32,
      minMemory: 1,
      maxMemory: 512,
      defaultPerOcpu: 16,
      minPerOcpu: 1,
      maxPerOcpu: 64,
    },
  },
  {
    shape: 'VM.Standard2.1',
    arch: 'x86_64',
    processorDescription: '2.0 GHz Intel® Xeon® Platinum 8167M (Skylake)',
    billingType: 'PAID',
    networkingBandwidthInGbps: 1,
    maxVnicAttachments: 2,
    ocpus: 1,
    memoryInGBs: 15,
  },
];

export interface PlatformImageSpec {
  displayName: string;
  operatingSystem: string;
  operatingSystemVersion: string;
  arch: Arch;
  timeCreated: string;
  sizeInMBs: number;
}

export const PLATFORM_IMAGES: PlatformImageSpec[] = [
  {
    displayName: 'Canonical-Ubuntu-24.04-2025.01.31-0',
    operatingSystem: 'Canonical Ubuntu',
    operatingSystemVersion: '24.04',
    arch: 'x86_64',
    timeCreated: '2025-02-05T18:21:10.123Z',
    sizeInMBs: 47694,
  },
  {
    displayName: 'Canonical-Ubuntu-24.04-2024.10.09-0',
    operatingSystem: 'Canonical Ubuntu',
    operatingSystemVersion: '24.04',
    arch: 'x86_64',
    timeCreated: '2024-10-15T09:02:44.512Z',
    sizeInMBs: 47694,
  },
  {
    displayName: 'Canonical-Ubuntu-24.04-aarch64-2025.01.31-0',
    operatingSystem: 'Canonical Ubuntu',
    operatingSystemVersion: '24.04',
    arch: 'aarch64',
    timeCreated: '2025-02-05T18:40:02.871Z',
    sizeInMBs: 47694,
  },
  {
    displayName: 'Canonical-Ubuntu-22.04-2025.01.31-0',
    operatingSystem: 'Canonical Ubuntu',
    operatingSystemVersion: '22.04',
    arch: 'x86_64',
    timeCreated: '2025-02-04T11:12:33.091Z',
    sizeInMBs: 47694,
  },
  {
    displayName: 'Canonical-Ubuntu-22.04-aarch64-2025.01.31-0',
    operatingSystem: 'Canonical Ubuntu',
    operatingSystemVersion: '22.04',
    arch: 'aarch64',
    timeCreated: '2025-02-04T11:30:57.400Z',
    sizeInMBs: 47694,
  },
  {
    displayName: 'Oracle-Linux-9.5-2025.01.31-0',
    operatingSystem: 'Oracle Linux',
    operatingSystemVersion: '9',
    arch: 'x86_64',
    timeCreated: '2025-02-06T07:45:00.000Z',
    sizeInMBs: 47694,
  },
  {
    displayName: 'Oracle-Linux-9.5-aarch64-2025.01.31-0',
    operatingSystem: 'Oracle Linux',
    operatingSystemVersion: '9',
    arch: 'aarch64',
    timeCreated: '2025-02-06T08:05:00.000Z',
    sizeInMBs: 47694,
  },
  {
    displayName: 'Oracle-Linux-8.10-2025.01.31-0',
    operatingSystem: 'Oracle Linux',
    operatingSystemVersion: '8',
    arch: 'x86_64',
    timeCreated: '2025-02-03T07:45:00.000Z',
    sizeInMBs: 47694,
  },
];
