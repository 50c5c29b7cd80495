/** Compute records and their tables. */
import type { ProviderContext } from '../../core/types.ts';
import { ResourceTable, type ResourceRecord } from '../resource-kit/table.ts';
import type { Arch } from './catalog-data.ts';

export const SERVICE = 'compute';

export interface ShapeConfig {
  ocpus: number;
  memoryInGBs: number;
  vcpus: number;
  processorDescription: string;
  networkingBandwidthInGbps: number;
  maxVnicAttachments: number;
  gpus: number;
  localDisks: number;
}

export interface InstanceRecord extends ResourceRecord {
  displayName: string;
  availabilityDomain: string;
  faultDomain: string;
  region: string;
  shape: string;
  shapeConfig: ShapeConfig;
  imageId?: string;
  sourceDetails:
    | { sourceType: 'image'; imageId: string; bootVolumeSizeInGBs: number }
    | { sourceType: 'bootVolume'; bootVolumeId: string };
  metadata: Record<string, string>;
  extendedMetadata: Record<string, unknown>;
  launchMode: string;
  launchOptions: Record<string, unknown>;
  availabilityConfig: Record<string, unknown>;
  instanceOptions: Record<string, unknown>;
  timeMaintenanceRebootDue?: string;
  _vnicId: string;
  _attachmentId: string;
  _bootVolumeId: string;
  _bootVolumeSizeInGBs: number;
}

export interface ImageRecord extends ResourceRecord {
  compartmentId: string;
  displayName: string;
  operatingSystem: string;
  operatingSystemVersion: string;
  baseImageId?: string;
  createImageAllowed: boolean;
  launchMode: string;
  sizeInMBs: number;
  billableSizeInGBs?: number;
  launchOptions: Record<string, unknown>;
  agentFeatures?: Record<string, unknown>;
  _arch: Arch;
  _platform?: boolean;
  _instanceId?: string;
  _workRequestId?: string;
}

export interface VnicAttachmentRecord extends ResourceRecord {
  availabilityDomain: string;
  instanceId: string;
  vnicId: string;
  subnetId: string;
  displayName: string;
  nicIndex: number;
}

export interface BootVolumeRecord extends ResourceRecord {
  availabilityDomain: string;
  displayName: string;
  sizeInGBs: number;
  imageId?: string;
  _arch: Arch;
  _instanceId?: string;
}

export function computeTables(ctx: ProviderContext) {
  return {
    instances: new ResourceTable<InstanceRecord>(ctx, SERVICE, 'instances', 'instance'),
    images: new ResourceTable<ImageRecord>(ctx, SERVICE, 'images', 'image'),
    vnicAttachments: new ResourceTable<VnicAttachmentRecord>(ctx, SERVICE, 'vnicAttachments', 'vnicAttachment'),
    bootVolumes: new ResourceTable<BootVolumeRecord>(ctx, SERVICE, 'bootVolumes', 'bootVolume'),
  };
}
export type ComputeTables = ReturnType<typeof computeTables>;
