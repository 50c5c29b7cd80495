/**
 * Synthetic exported disk files: small, deterministic, and starting with each real format's magic
 * bytes so a consumer can sniff the format. They are not bootable disks.
 * - QCOW2: a version 3 header (`QFI\xfb`, cluster_bits 16, the virtual size) then a text note.
 * - VMDK: a monolithic-sparse header (`KDMV`, capacity in sectors) and an embedded descriptor.
 * - VHD: a dynamic-disk footer (cookie `conectix`, checksum) at the start and again at the end.
 * - VDI: the `<<< Oracle VM VirtualBox Disk Image >>>` banner and signature 0xbeda107f.
 * - OCI: a ustar tar holding `image_metadata.json` and `output.QCOW2` (OCI's .oci export is
 *   QCOW2 plus metadata in an archive).
 */
export const DISK_EXPORT_FORMATS = ['OCI', 'QCOW2', 'VMDK', 'VHD', 'VDI'] as const;
export type DiskExportFormat = (typeof DISK_EXPORT_FORMATS)[number];

export interface DiskSource {
  imageId: string;
  displayName: string;
  sizeInGBs: number;
  operatingSystem: string;
  operatingSystemVersion: string;
  timeCreated: string;
}

const note = (s: DiskSource, format: string) =>
  Buffer.from(
    `\nOCI local emulator synthetic ${format} export of image ${s.imageId} (${s.displayName}), ${s.operatingSystem} ` +
      `${s.operatingSystemVersion}, ${s.sizeInGBs} GB virtual.\n`,
  );

function qcow2(s: DiskSource): Buffer {
  const h = Buffer.alloc(4096);
  h.write('QFI\xfb', 0, 'latin1');
  h.writeUInt32BE(3, 4); // version
  h.writeUInt32BE(16, 20); // cluster_bits
  h.writeBigUInt64BE(BigInt(s.sizeInGBs) * 1024n ** 3n, 24); // virtual size
  h.writeUInt32BE(4, 96); // refcount_order
  h.writeUInt32BE(104, 100); // header_length
  return Buffer.concat([h, note(s, 'QCOW2')]);
}

function vmdk(s: DiskSource): Buffer {
  const h = Buffer.alloc(512);
  h.write('KDMV', 0, 'latin1');
  h.writeUInt32LE(1, 4); // version
  h.writeUInt32LE(3, 8); // flags
  const sectors = (BigInt(s.sizeInGBs) * 1024n ** 3n) / 512n;
  h.writeBigUInt64LE(sectors, 12); // capacity
  h.writeBigUInt64LE(128n, 20); // grain size
  h.writeBigUInt64LE(1n, 28); // descriptor offset (sectors)
  h.writeBigUInt64LE(2n, 36); // descriptor size (sectors)
  const desc = Buffer.alloc(1024);
  desc.write(
    `# Disk DescriptorFile\nversion=1\nCID=fffffffe\nparentCID=ffffffff\ncreateType="monolithicSparse"\n\n# Extent ` +
      `description\nRW ${sectors} SPARSE "${s.displayName}.vmdk"\n\n# The Disk Data Base\nddb.virtualHWVersion = ` +
      `"4"\nddb.adapterType = "lsilogic"\n`,
  );
  return Buffer.concat([h, desc, note(s, 'VMDK')]);
}

function vhdFooter(s: DiskSource): Buffer {
  const f = Buffer.alloc(512);
  f.write('conectix', 0, 'latin1');
  f.writeUInt32BE(2, 8); // features
  f.writeUInt32BE(0x00010000, 12); // format version
  f.writeBigUInt64BE(512n, 16); // data offset (dynamic header)
  f.writeUInt32BE(Math.floor((Date.parse(s.timeCreated) - Date.UTC(2000, 0, 1)) / 1000) >>> 0, 24);
  f.write('oci ', 28, 'latin1');
  f.write('Wi2k', 36, 'latin1');
  const bytes = BigInt(s.sizeInGBs) * 1024n ** 3n;
  f.writeBigUInt64BE(bytes, 40);
  f.writeBigUInt64BE(bytes, 48);
  f.writeUInt32BE(3, 60); // disk type: dynamic
  let sum = 0;
  for (const b of f) sum += b;
  f.writeUInt32BE(~sum >>> 0, 64);
  return f;
}

function vhd(s: DiskSource): Buffer {
  const footer = vhdFooter(s);
  const dyn = Buffer.alloc(1024);
  dyn.write('cxsparse', 0, 'latin1');
  return Buffer.concat([footer, dyn, note(s, 'VHD'), footer]);
}

function vdi(s: DiskSource): Buffer {
  const h = Buffer.alloc(512);
  h.write('<<< Oracle VM VirtualBox Disk Image >>>\n', 0, 'latin1');
  h.writeUInt32LE(0xbeda107f, 64); // signature
  h.writeUInt32LE(0x00010001, 68); // version 1.1
  h.writeBigUInt64LE(BigInt(s.sizeInGBs) * 1024n ** 3n, 368); // disk size
  return Buffer.concat([h, note(s, 'VDI')]);
}

function tarEntry(name: string, body: Buffer, mtime: number): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write('0000644\0', 100, 'latin1');
  h.write('0000000\0', 108, 'latin1');
  h.write('0000000\0', 116, 'latin1');
  h.write(body.length.toString(8).padStart(11, '0') + '\0', 124, 'latin1');
  h.write(
    Math.floor(mtime / 1000)
      .toString(8)
      .padStart(11, '0') + '\0',
    136,
    'latin1',
  );
  h.write('        ', 148, 'latin1');
  h.write('0', 156, 'latin1');
  h.write('ustar\0' + '00', 257, 'latin1');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  const pad = Buffer.alloc((512 - (body.length % 512)) % 512);
  return Buffer.concat([h, body, pad]);
}

function ociArchive(s: DiskSource): Buffer {
  const mtime = Date.parse(s.timeCreated);
  const meta = Buffer.from(
    JSON.stringify(
      {
        version: 2,
        externalLaunchOptions: {
          firmware: 'UEFI_64',
          networkType: 'PARAVIRTUALIZED',
          bootVolumeType: 'PARAVIRTUALIZED',
        },
        imageCapabilityData: null,
        operatingSystem: s.operatingSystem,
        operatingSystemVersion: s.operatingSystemVersion,
        imageDisplayName: s.displayName,
        imageId: s.imageId,
      },
      null,
      2,
    ),
  );
  return Buffer.concat([
    tarEntry('image_metadata.json', meta, mtime),
    tarEntry('output.QCOW2', qcow2(s), mtime),
    Buffer.alloc(1024),
  ]);
}

export function syntheticDisk(format: DiskExportFormat, s: DiskSource): Buffer {
  switch (format) {
    case 'QCOW2':
      return qcow2(s);
    case 'VMDK':
      return vmdk(s);
    case 'VHD':
      return vhd(s);
    case 'VDI':
      return vdi(s);
    case 'OCI':
      return ociArchive(s);
  }
}
