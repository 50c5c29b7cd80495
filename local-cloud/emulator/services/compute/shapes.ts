/** Shapes: ListShapes and the shapeConfig check of LaunchInstance. */
import { OciErrors } from '../../core/errors.ts';
import type { ProviderContext, Route } from '../../core/types.ts';
import { paginate } from '../resource-kit/paging.ts';
import { obj, optionalNum } from '../resource-kit/validate.ts';
import { AD_NAMES, requireCompartment } from '../identity-compartments/store.ts';
import { SHAPES, type Arch, type ShapeSpec } from './catalog-data.ts';
import type { ComputeTables, ShapeConfig } from './tables.ts';

export function shapeSpec(name: unknown): ShapeSpec {
  const spec = SHAPES.find((s) => s.shape === name);
  if (!spec)
    throw OciErrors.invalidParameter(
      `Unknown shape '${String(name)}'; this region offers ${SHAPES.map((s) => s.shape).join(', ')}`,
    );
  return spec;
}

/** The effective shapeConfig of a launch: fixed shapes take none, flexible ones default to 1 OCPU. */
export function resolveShapeConfig(spec: ShapeSpec, raw: unknown): ShapeConfig {
  const cfg = obj(raw, 'shapeConfig');
  const base = {
    processorDescription: spec.processorDescription,
    networkingBandwidthInGbps: spec.networkingBandwidthInGbps,
    maxVnicAttachments: spec.maxVnicAttachments,
    gpus: 0,
    localDisks: 0,
  };
  if (!spec.flex) {
    if (
      Object.keys(cfg).length &&
      ((cfg.ocpus !== undefined && cfg.ocpus !== spec.ocpus) ||
        (cfg.memoryInGBs !== undefined && cfg.memoryInGBs !== spec.memoryInGBs))
    ) {
      throw OciErrors.invalidParameter(
        `Shape ${spec.shape} is not flexible; ` +
          `shapeConfig cannot change its ${spec.ocpus} OCPU / ${spec.memoryInGBs} GB`,
      );
    }
    return { ...base, ocpus: spec.ocpus!, memoryInGBs: spec.memoryInGBs!, vcpus: spec.ocpus! * 2 };
  }
  const f = spec.flex;
  const ocpus = optionalNum(cfg.ocpus, 'shapeConfig.ocpus', { min: f.minOcpus, max: f.maxOcpus }) ?? 1;
  const memoryInGBs =
    optionalNum(cfg.memoryInGBs, 'shapeConfig.memoryInGBs', { min: f.minMemory, max: f.maxMemory }) ??
    Math.min(f.maxMemory, ocpus * f.defaultPerOcpu);
  const per = memoryInGBs / ocpus;
  if (per < f.minPerOcpu || per > f.maxPerOcpu) {
    throw OciErrors.invalidParameter(
      `shapeConfig.memoryInGBs ${memoryInGBs} for ${ocpus} OCPUs is outside ${f.minPerOcpu}..${f.maxPerOcpu} GB per ` +
        `OCPU for ${spec.shape}`,
    );
  }
  return {
    ...base,
    ocpus,
    memoryInGBs,
    vcpus: ocpus * 2,
    networkingBandwidthInGbps: Math.min(40, ocpus * spec.networkingBandwidthInGbps),
    maxVnicAttachments: Math.min(24, Math.max(2, ocpus)),
  };
}

export const shapeFits = (spec: ShapeSpec, arch: Arch): boolean => spec.arch === arch;

function shapeView(s: ShapeSpec) {
  const common = {
    shape: s.shape,
    processorDescription: s.processorDescription,
    billingType: s.billingType,
    isFlexible: !!s.flex,
    networkingBandwidthInGbps: s.networkingBandwidthInGbps,
    maxVnicAttachments: s.maxVnicAttachments,
    gpus: 0,
    localDisks: 0,
    isLiveMigrationSupported: s.arch === 'x86_64',
    platformConfigOptions: {},
    quotaNames: [`${s.shape.toLowerCase().replace(/\./g, '-')}-count`],
  };
  if (!s.flex) return { ...common, ocpus: s.ocpus, memoryInGBs: s.memoryInGBs };
  const f = s.flex;
  return {
    ...common,
    ocpus: 1,
    memoryInGBs: f.defaultPerOcpu,
    ocpuOptions: { min: f.minOcpus, max: f.maxOcpus },
    memoryOptions: {
      minInGBs: f.minMemory,
      maxInGBs: f.maxMemory,
      defaultPerOcpuInGBs: f.defaultPerOcpu,
      minPerOcpuInGBs: f.minPerOcpu,
      maxPerOcpuInGBs: f.maxPerOcpu,
    },
    networkingBandwidthOptions: { minInGbps: 1, maxInGbps: 40, defaultPerOcpuInGbps: 1 },
    maxVnicAttachmentOptions: { min: 2, max: 24, defaultPerOcpu: 1 },
  };
}

export function shapeRoutes(ctx: ProviderContext, t: ComputeTables): Route[] {
  return [
    {
      method: 'GET',
      path: '/20160918/shapes',
      operation: 'ListShapes',
      handler: (req) => {
        requireCompartment(ctx, req.query('compartmentId'));
        const ad = req.query('availabilityDomain');
        if (ad && !(AD_NAMES as readonly string[]).includes(ad))
          throw OciErrors.invalidParameter(`Unknown availabilityDomain '${ad}'`);
        let rows = SHAPES;
        const imageId = req.query('imageId');
        if (imageId) {
          const img = t.images.require(imageId, 'imageId');
          rows = rows.filter((s) => shapeFits(s, img._arch));
        }
        const only = req.query('shape');
        if (only) rows = rows.filter((s) => s.shape === only);
        const page = paginate(req, rows);
        return { headers: page.headers, body: page.items.map(shapeView) };
      },
    },
  ];
}
