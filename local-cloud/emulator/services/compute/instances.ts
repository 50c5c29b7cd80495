/** Instances: launch, get, list, update, instance actions and terminate, plus VNIC attachments. */
import { OciErrors } from '../../core/errors.ts';
import { LOCAL_REGION, newOcid } from '../../core/ids.ts';
import type { ProviderContext, Route } from '../../core/types.ts';
import { requireState, settlesAt, transition } from '../resource-kit/lifecycle.ts';
import type { RetryTokens } from '../resource-kit/retry-tokens.ts';
import { isoNow, listAnswer } from '../resource-kit/table.ts';
import type { Timing } from '../resource-kit/timing.ts';
import {
  definedTags,
  freeformTags,
  obj,
  oneOf,
  optionalBool,
  optionalNum,
  optionalStr,
  str,
} from '../resource-kit/validate.ts';
import { AD_NAMES, FAULT_DOMAINS, requireCompartment } from '../identity-compartments/store.ts';
import type { NetworkProvider } from '../network/provider.ts';
import { createWorkRequest } from '../workrequests/store.ts';
import { resolveShapeConfig, shapeFits, shapeSpec } from './shapes.ts';
import type { ComputeTables, InstanceRecord } from './tables.ts';
import { validateMetadata } from './metadata.ts';

const ACTIONS = [
  'START',
  'STOP',
  'SOFTSTOP',
  'RESET',
  'SOFTRESET',
  'SENDDIAGNOSTICINTERRUPT',
  'DIAGNOSTICREBOOT',
  'REBOOTMIGRATE',
] as const;

/** Programmatic compute API (the demo tenancy seed and the bench create through it). */
export interface ComputeApi {
  /**
   * LaunchInstance with the same body. `state` RUNNING or STOPPED puts the instance there at once
   * (no transition); PROVISIONING (the default) behaves like the REST call.
   */
  launchInstance(
    details: Record<string, unknown>,
    o?: { state?: 'PROVISIONING' | 'RUNNING' | 'STOPPED' },
  ): InstanceRecord;
  /** TerminateInstance; `immediate` skips TERMINATING */
  terminateInstance(id: string, o?: { immediate?: boolean; preserveBootVolume?: boolean }): void;
}

export function instanceModule(
  ctx: ProviderContext,
  t: ComputeTables,
  tokens: RetryTokens,
  timing: Timing,
): { routes: Route[]; api: ComputeApi } {
  const network = () => {
    const n = ctx.provider<NetworkProvider>('network');
    if (!n) throw OciErrors.internal('The network provider is not registered');
    return n;
  };
  /** the work request of a transition that began at `startMs` (so the two finish at the same instant) */
  const wr = (
    operationType: string,
    inst: InstanceRecord,
    actionType: 'CREATED' | 'UPDATED' | 'DELETED',
    durationMs: number,
    startMs: number,
  ) =>
    createWorkRequest(ctx, {
      operationType,
      compartmentId: inst.compartmentId,
      resources: [
        { actionType, entityType: 'instance', identifier: inst.id, entityUri: `/20160918/instances/${inst.id}` },
      ],
      durationMs,
      auto: true,
      startMs,
    });

  function launch(b: Record<string, unknown>, delayMs = timing.transitionMs): InstanceRecord {
    const compartmentId = requireCompartment(ctx, b.compartmentId);
    const availabilityDomain = oneOf(b.availabilityDomain, 'availabilityDomain', AD_NAMES);
    const spec = shapeSpec(str(b.shape, 'shape'));
    const shapeConfig = resolveShapeConfig(spec, b.shapeConfig);
    const src = obj(
      b.sourceDetails ?? (b.imageId !== undefined ? { sourceType: 'image', imageId: b.imageId } : undefined),
      'sourceDetails',
    );
    if (!src.sourceType) throw OciErrors.missingParameter('sourceDetails is required');
    const sourceType = oneOf(src.sourceType, 'sourceDetails.sourceType', ['image', 'bootVolume'] as const);
    let sourceDetails: InstanceRecord['sourceDetails'];
    let imageId: string | undefined;
    let bootSize: number;
    let bootVolumeId = newOcid('bootvolume');
    if (sourceType === 'image') {
      const img = t.images.require(src.imageId, 'sourceDetails.imageId');
      if (img.lifecycleState !== 'AVAILABLE')
        throw OciErrors.invalidParameter(`Image ${img.id} is ${img.lifecycleState}, not AVAILABLE`);
      if (!shapeFits(spec, img._arch))
        throw OciErrors.invalidParameter(
          `Image ${img.displayName} (${img._arch}) is not compatible with shape ${spec.shape}`,
        );
      bootSize =
        optionalNum(src.bootVolumeSizeInGBs, 'sourceDetails.bootVolumeSizeInGBs', {
          min: 50,
          max: 32768,
          integer: true,
        }) ?? 47;
      imageId = img.id;
      sourceDetails = { sourceType: 'image', imageId: img.id, bootVolumeSizeInGBs: bootSize };
    } else {
      const bv = t.bootVolumes.require(src.bootVolumeId, 'sourceDetails.bootVolumeId');
      if (bv.lifecycleState !== 'AVAILABLE' || bv._instanceId)
        throw OciErrors.conflict(`Boot volume ${bv.id} is attached or not AVAILABLE`);
      if (!shapeFits(spec, bv._arch))
        throw OciErrors.invalidParameter(
          `Boot volume ${bv.id} (${bv._arch}) is not compatible with shape ${spec.shape}`,
        );
      bootSize = bv.sizeInGBs;
      bootVolumeId = bv.id;
      imageId = bv.imageId;
      sourceDetails = { sourceType: 'bootVolume', bootVolumeId: bv.id };
    }
    const vnicDetails = obj(b.createVnicDetails, 'createVnicDetails');
    const subnetId = vnicDetails.subnetId ?? b.subnetId;
    if (subnetId === undefined) throw OciErrors.missingParameter('createVnicDetails.subnetId is required');
    const faultDomain =
      b.faultDomain === undefined
        ? FAULT_DOMAINS[t.instances.col.size % 3]!
        : oneOf(b.faultDomain, 'faultDomain', FAULT_DOMAINS);
    const metadata = validateMetadata(b.metadata);
    const now = ctx.now();
    const id = newOcid('instance');
    const displayName =
      optionalStr(b.displayName, 'displayName') ??
      `instance${new Date(now).toISOString().slice(0, 16).replace(/\D/g, '')}`;
    const vnic = network().attachVnic({
      compartmentId,
      subnetId: subnetId as string,
      availabilityDomain,
      instanceId: id,
      readyAt: now + delayMs,
      ...(optionalBool(vnicDetails.assignPublicIp, 'createVnicDetails.assignPublicIp') !== undefined
        ? { assignPublicIp: vnicDetails.assignPublicIp as boolean }
        : {}),
      ...(optionalStr(vnicDetails.displayName, 'createVnicDetails.displayName')
        ? { displayName: vnicDetails.displayName as string }
        : {}),
      ...(optionalStr(vnicDetails.hostnameLabel, 'createVnicDetails.hostnameLabel', { max: 63 })
        ? { hostnameLabel: vnicDetails.hostnameLabel as string }
        : {}),
      ...(optionalStr(vnicDetails.privateIp, 'createVnicDetails.privateIp')
        ? { privateIp: vnicDetails.privateIp as string }
        : {}),
    });
    const att = t.vnicAttachments.put({
      id: newOcid('vnicattachment'),
      compartmentId,
      availabilityDomain,
      instanceId: id,
      vnicId: vnic.id,
      subnetId: vnic.subnetId,
      displayName: 'primary',
      nicIndex: 0,
      timeCreated: isoNow(ctx),
      lifecycleState: 'ATTACHING',
      _next: [{ state: 'ATTACHED', at: now + delayMs }],
    });
    if (sourceType === 'bootVolume') t.bootVolumes.put({ ...t.bootVolumes.find(bootVolumeId)!, _instanceId: id });
    const inst: InstanceRecord = {
      id,
      compartmentId,
      availabilityDomain,
      faultDomain,
      region: LOCAL_REGION.key,
      displayName,
      shape: spec.shape,
      shapeConfig,
      ...(imageId ? { imageId } : {}),
      sourceDetails,
      metadata,
      extendedMetadata: obj(b.extendedMetadata, 'extendedMetadata'),
      launchMode: 'PARAVIRTUALIZED',
      launchOptions: {
        bootVolumeType: 'PARAVIRTUALIZED',
        firmware: 'UEFI_64',
        networkType: 'PARAVIRTUALIZED',
        remoteDataVolumeType: 'PARAVIRTUALIZED',
        isPvEncryptionInTransitEnabled: false,
        isConsistentVolumeNamingEnabled: true,
      },
      availabilityConfig: { isLiveMigrationPreferred: false, recoveryAction: 'RESTORE_INSTANCE' },
      instanceOptions: { areLegacyImdsEndpointsDisabled: false },
      freeformTags: freeformTags(b.freeformTags),
      definedTags: definedTags(b.definedTags),
      timeCreated: new Date(now).toISOString(),
      lifecycleState: 'PROVISIONING',
      _vnicId: vnic.id,
      _attachmentId: att.id,
      _bootVolumeId: bootVolumeId,
      _bootVolumeSizeInGBs: bootSize,
    };
    transition(inst, ['PROVISIONING', 'RUNNING'], now, delayMs);
    return t.instances.put(inst);
  }

  /** Starts TERMINATING → TERMINATED; answers the instant it began (for the work request). */
  function terminate(inst: InstanceRecord, preserve: boolean, delayMs: number): number {
    const now = ctx.now();
    transition(inst, ['TERMINATING', 'TERMINATED'], now, delayMs);
    network().releaseVnic(inst._vnicId, settlesAt(inst, now));
    const att = t.vnicAttachments.find(inst._attachmentId);
    if (att) {
      transition(att, ['DETACHING', 'DETACHED'], now, delayMs);
      t.vnicAttachments.put(att);
    }
    if (preserve) {
      const existing = t.bootVolumes.find(inst._bootVolumeId);
      const img = inst.imageId ? t.images.find(inst.imageId) : undefined;
      t.bootVolumes.put({
        ...(existing ?? {}),
        id: inst._bootVolumeId,
        compartmentId: inst.compartmentId,
        availabilityDomain: inst.availabilityDomain,
        displayName: `${inst.displayName} (Boot Volume)`,
        sizeInGBs: inst._bootVolumeSizeInGBs,
        ...(inst.imageId ? { imageId: inst.imageId } : {}),
        _arch: existing?._arch ?? img?._arch ?? 'x86_64',
        timeCreated: existing?.timeCreated ?? inst.timeCreated,
        lifecycleState: 'AVAILABLE',
      });
    } else {
      t.bootVolumes.delete(inst._bootVolumeId);
    }
    t.instances.put(inst);
    return now;
  }

  const api: ComputeApi = {
    launchInstance(details, o = {}) {
      const state = o.state ?? 'PROVISIONING';
      const inst = launch(details, state === 'PROVISIONING' ? timing.transitionMs : 0);
      if (state === 'STOPPED') {
        inst.lifecycleState = 'STOPPED';
        delete inst._next;
        t.instances.put(inst);
      }
      return t.instances.find(inst.id)!;
    },
    terminateInstance(id, o = {}) {
      const inst = t.instances.require(id, 'instanceId');
      if (inst.lifecycleState !== 'TERMINATING' && inst.lifecycleState !== 'TERMINATED')
        terminate(inst, o.preserveBootVolume ?? false, o.immediate ? 0 : timing.transitionMs);
    },
  };

  function act(inst: InstanceRecord, action: (typeof ACTIONS)[number]): void {
    const now = ctx.now();
    const d = timing.transitionMs;
    const s = inst.lifecycleState;
    switch (action) {
      case 'START':
        if (s === 'RUNNING' || s === 'STARTING') return;
        requireState(inst, ['STOPPED'], 'START');
        return transition(inst, ['STARTING', 'RUNNING'], now, d);
      case 'STOP':
      case 'SOFTSTOP':
        if (s === 'STOPPED' || s === 'STOPPING') return;
        requireState(inst, ['RUNNING'], action);
        return transition(inst, ['STOPPING', 'STOPPED'], now, d);
      case 'RESET':
      case 'SOFTRESET':
      case 'DIAGNOSTICREBOOT':
      case 'REBOOTMIGRATE':
        requireState(inst, ['RUNNING'], action);
        return transition(inst, ['STOPPING', 'STARTING', 'RUNNING'], now, d / 2);
      case 'SENDDIAGNOSTICINTERRUPT':
        requireState(inst, ['RUNNING'], action);
    }
  }

  const routes: Route[] = [
    {
      method: 'POST',
      path: '/20160918/instances',
      operation: 'LaunchInstance',
      handler: (req) => {
        const replay = tokens.replayed(req);
        const prior = replay ? t.instances.find(replay) : undefined;
        if (prior) return t.instances.answer(prior);
        const inst = launch(req.json());
        tokens.remember(req, inst.id);
        const w = wr('LaunchInstance', inst, 'CREATED', timing.transitionMs, Date.parse(inst.timeCreated));
        return t.instances.answer(inst, { headers: { 'opc-work-request-id': w.id } });
      },
    },
    {
      method: 'GET',
      path: '/20160918/instances/{instanceId}',
      operation: 'GetInstance',
      handler: (req) => t.instances.answer(t.instances.require(req.params.instanceId, 'instanceId')),
    },
    {
      method: 'GET',
      path: '/20160918/instances',
      operation: 'ListInstances',
      handler: (req) => {
        const compartmentId = requireCompartment(ctx, req.query('compartmentId'));
        const rows = t.instances.allWhere((i) => i.compartmentId === compartmentId);
        return listAnswer(req, rows, {
          filters: { displayName: 'displayName', availabilityDomain: 'availabilityDomain' },
        });
      },
    },
    {
      method: 'PUT',
      path: '/20160918/instances/{instanceId}',
      operation: 'UpdateInstance',
      handler: (req) => {
        const inst = t.instances.require(req.params.instanceId, 'instanceId');
        t.instances.checkIfMatch(req, inst);
        if (inst.lifecycleState === 'TERMINATING' || inst.lifecycleState === 'TERMINATED')
          throw OciErrors.incorrectState(`Instance ${inst.id} is ${inst.lifecycleState}`);
        const b = req.json();
        for (const k of Object.keys(b))
          if (!['displayName', 'freeformTags', 'definedTags'].includes(k))
            throw OciErrors.notImplemented(`UpdateInstance of ${k}`);
        inst.displayName = optionalStr(b.displayName, 'displayName') ?? inst.displayName;
        if (b.freeformTags !== undefined) inst.freeformTags = freeformTags(b.freeformTags);
        if (b.definedTags !== undefined) inst.definedTags = definedTags(b.definedTags);
        return t.instances.answer(t.instances.put(inst));
      },
    },
    {
      method: 'POST',
      path: '/20160918/instances/{instanceId}',
      operation: 'InstanceAction',
      handler: (req) => {
        const inst = t.instances.require(req.params.instanceId, 'instanceId');
        const action = oneOf(req.query('action'), 'action', ACTIONS);
        t.instances.checkIfMatch(req, inst);
        act(inst, action);
        return t.instances.answer(t.instances.put(inst));
      },
    },
    {
      method: 'DELETE',
      path: '/20160918/instances/{instanceId}',
      operation: 'TerminateInstance',
      handler: (req) => {
        const inst = t.instances.require(req.params.instanceId, 'instanceId');
        t.instances.checkIfMatch(req, inst);
        const preserve = req.query('preserveBootVolume');
        if (preserve !== undefined && preserve !== 'true' && preserve !== 'false')
          throw OciErrors.invalidParameter('preserveBootVolume must be true or false');
        if (inst.lifecycleState === 'TERMINATING' || inst.lifecycleState === 'TERMINATED') return { status: 204 };
        const startMs = terminate(inst, preserve === 'true', timing.transitionMs);
        const w = wr('TerminateInstance', inst, 'DELETED', timing.transitionMs, startMs);
        return { status: 204, headers: { 'opc-work-request-id': w.id } };
      },
    },
    {
      method: 'GET',
      path: '/20160918/vnicAttachments',
      operation: 'ListVnicAttachments',
      handler: (req) => {
        const compartmentId = requireCompartment(ctx, req.query('compartmentId'));
        const rows = t.vnicAttachments.allWhere((a) => a.compartmentId === compartmentId);
        return listAnswer(req, rows, {
          filters: { instanceId: 'instanceId', vnicId: 'vnicId', availabilityDomain: 'availabilityDomain' },
          defaultOrder: 'ASC',
        });
      },
    },
    {
      method: 'GET',
      path: '/20160918/vnicAttachments/{vnicAttachmentId}',
      operation: 'GetVnicAttachment',
      handler: (req) =>
        t.vnicAttachments.answer(t.vnicAttachments.require(req.params.vnicAttachmentId, 'vnicAttachmentId')),
    },
  ];
  return { routes, api };
}
