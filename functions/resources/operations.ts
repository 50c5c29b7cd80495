/**
 * Mutations: instance actions (optionally waiting for the target state within the call's time),
 * launch (defaults, key pair, cloud-init, convention network) and terminate (optional network
 * cleanup). Each one invalidates the cached lists it changed.
 */
import { randomUUID } from 'node:crypto';
import { ConflictError } from '#shared/errors.ts';
import { badInput } from '#shared/validate.ts';
import type { Logger } from '#shared/log.ts';
import { defaultUserData } from './cloud-init.ts';
import type { Inventory } from './inventory.ts';
import { generateSshKeyPair } from './keys.ts';
import {
  cleanupNetwork,
  ensureNetwork,
  isRejection,
  MANAGED_TAG,
  pieceToken,
  undoNetworkChanges,
  type EnsuredNetwork,
} from './network.ts';
import type { ComputePort, InstanceAction, InstanceView, InventoryPort, NetworkPort, ShapeInfo } from './ports.ts';

export interface OperationsDeps {
  inventory: Inventory;
  port: InventoryPort;
  compute: ComputePort;
  network: NetworkPort;
  log: Logger;
  /** ms left in the Fn call */
  remainingMs: () => number;
  /** poll interval while waiting @default 1000 */
  pollMs?: number;
  /** kept free at the end of the call for the answer @default 2000 */
  reserveMs?: number;
  /** polls a RESET/SOFTRESET may still read RUNNING before the wait takes it as done @default 5 */
  resetGracePolls?: number;
}

const TARGET: Record<InstanceAction, 'RUNNING' | 'STOPPED'> = {
  START: 'RUNNING',
  STOP: 'STOPPED',
  SOFTSTOP: 'STOPPED',
  RESET: 'RUNNING',
  SOFTRESET: 'RUNNING',
};
const ALLOWED_FROM: Record<InstanceAction, string[]> = {
  START: ['STOPPED', 'RUNNING', 'STARTING'],
  STOP: ['RUNNING', 'STOPPED', 'STOPPING'],
  SOFTSTOP: ['RUNNING', 'STOPPED', 'STOPPING'],
  RESET: ['RUNNING'],
  SOFTRESET: ['RUNNING'],
};

export interface ActionResult {
  instance: InstanceView;
  targetState: string;
  reachedTargetState: boolean;
  waited: boolean;
  message: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitForState(
  d: OperationsDeps,
  id: string,
  want: string[],
  first?: InstanceView,
): Promise<{ instance: InstanceView; reached: boolean }> {
  let cur = first ?? (await d.port.getInstance(id));
  const poll = d.pollMs ?? 1000;
  const reserve = d.reserveMs ?? 2000;
  while (!want.includes(cur.lifecycleState)) {
    if (d.remainingMs() - reserve < poll) return { instance: cur, reached: false };
    await sleep(poll);
    cur = await d.port.getInstance(id);
  }
  return { instance: cur, reached: true };
}

/**
 * After a RESET/SOFTRESET: poll until the instance is seen outside RUNNING, for at most
 * `resetGracePolls` polls (a reset that went by between two polls is only ever seen RUNNING) and
 * never past the deadline. Answers the last state read.
 */
async function leaveRunning(d: OperationsDeps, id: string, after: InstanceView): Promise<InstanceView> {
  const poll = d.pollMs ?? 1000;
  const reserve = d.reserveMs ?? 2000;
  let cur = after;
  for (let i = 0; cur.lifecycleState === 'RUNNING' && i < (d.resetGracePolls ?? 5); i++) {
    if (d.remainingMs() - reserve < poll) break;
    await sleep(poll);
    cur = await d.port.getInstance(id);
  }
  return cur;
}

export async function instanceAction(
  d: OperationsDeps,
  args: { id: string; action: InstanceAction; waitForState: boolean },
): Promise<ActionResult> {
  const before = await d.port.getInstance(args.id);
  if (!ALLOWED_FROM[args.action].includes(before.lifecycleState)) {
    const allowed = ALLOWED_FROM[args.action].join(', ');
    throw new ConflictError(
      `cannot ${args.action} instance ${before.displayName}: it is ${before.lifecycleState} (allowed from ${allowed})`,
      { details: { lifecycleState: before.lifecycleState, action: args.action } },
    );
  }
  const after = await d.compute.instanceAction(args.id, args.action);
  await d.inventory.invalidate(before.compartmentId, ['instances']);
  const target = TARGET[args.action];
  if (!args.waitForState) {
    return {
      instance: after,
      targetState: target,
      reachedTargetState: after.lifecycleState === target,
      waited: false,
      message: `${args.action} accepted; instance is ${after.lifecycleState}`,
    };
  }
  // a RESET passes through STOPPING/STARTING, but OCI may still answer RUNNING right after the
  // action: wait until it has left RUNNING once (or a few polls said RUNNING), then for RUNNING
  const from = args.action === 'RESET' || args.action === 'SOFTRESET' ? await leaveRunning(d, args.id, after) : after;
  const { instance, reached } = await waitForState(d, args.id, [target], from);
  await d.inventory.invalidate(before.compartmentId, ['instances']);
  return {
    instance,
    targetState: target,
    reachedTargetState: reached,
    waited: true,
    message: reached
      ? `instance reached ${target}`
      : `instance is still ${instance.lifecycleState}; it did not reach ${target} before the call's deadline`,
  };
}

export interface LaunchInput {
  displayName: string;
  compartmentId: string;
  shape: string;
  ocpus?: number;
  memoryInGBs?: number;
  imageId?: string;
  bootVolumeSizeInGBs: number;
  sshPublicKey?: string;
  userData?: string;
  availabilityDomain?: string;
  networkPrefix: string;
  openPorts: number[];
  idempotencyKey?: string;
}
export interface LaunchResult {
  instance: InstanceView;
  generatedPrivateKey: string | null;
  sshPublicKey: string | null;
  imageId: string;
  network: EnsuredNetwork;
}

async function defaultImage(d: OperationsDeps, compartmentId: string, shape: string): Promise<string> {
  for (const version of ['24.04', '22.04']) {
    const images = await d.compute.listImages({
      compartmentId,
      operatingSystem: 'Canonical Ubuntu',
      operatingSystemVersion: version,
      shape,
    });
    if (images[0]) return images[0].id;
  }
  throw badInput(
    'input.imageId',
    `no Ubuntu 24.04 or 22.04 platform image is compatible with shape ${shape}; pass imageId`,
  );
}

/** OCPUs and memory asked for must fit the shape: a fixed shape has its own, a flexible one has ranges. */
export function checkShapeConfig(s: ShapeInfo, ocpus: number | undefined, memoryInGBs: number | undefined): void {
  if (!s.isFlexible) {
    if (ocpus !== undefined && ocpus !== s.ocpus)
      throw badInput(
        'input.ocpus',
        `shape ${s.shape} is not flexible: it has ${s.ocpus ?? '?'} OCPU; omit input.ocpus or choose a flexible shape`,
      );
    if (memoryInGBs !== undefined && memoryInGBs !== s.memoryInGBs)
      throw badInput(
        'input.memoryInGBs',
        `shape ${s.shape} is not flexible: it has ${s.memoryInGBs ?? '?'} GB of memory; ` +
          'omit input.memoryInGBs or choose a flexible shape',
      );
    return;
  }
  const o = s.ocpuOptions;
  if (ocpus !== undefined && o && ((o.min !== null && ocpus < o.min) || (o.max !== null && ocpus > o.max))) {
    throw badInput('input.ocpus', `shape ${s.shape} takes ${o.min ?? 1} to ${o.max ?? '?'} OCPUs, not ${ocpus}`);
  }
  const m = s.memoryOptions;
  if (memoryInGBs === undefined || !m) return;
  if ((m.minInGBs !== null && memoryInGBs < m.minInGBs) || (m.maxInGBs !== null && memoryInGBs > m.maxInGBs)) {
    throw badInput(
      'input.memoryInGBs',
      `shape ${s.shape} takes ${m.minInGBs ?? 1} to ${m.maxInGBs ?? '?'} GB of memory, not ${memoryInGBs}`,
    );
  }
  const n = ocpus ?? s.ocpus ?? 1;
  const per = memoryInGBs / n;
  if (
    (m.minPerOcpuInGBs !== null && per < m.minPerOcpuInGBs) ||
    (m.maxPerOcpuInGBs !== null && per > m.maxPerOcpuInGBs)
  ) {
    throw badInput(
      'input.memoryInGBs',
      `shape ${s.shape} takes ${m.minPerOcpuInGBs ?? '?'} to ${m.maxPerOcpuInGBs ?? '?'} GB of memory per OCPU; ` +
        `${memoryInGBs} GB for ${n} OCPU is outside that`,
    );
  }
}

/**
 * Everything LaunchInstance would reject, checked before the network is built: the availability
 * domain, the shape and its OCPUs/memory, the image (exists, AVAILABLE, compatible with the shape).
 * Answers the availability domain and image to launch with.
 */
async function checkPlacement(
  d: OperationsDeps,
  input: LaunchInput,
): Promise<{ availabilityDomain: string; imageId: string }> {
  const { compartmentId } = input;
  const [ads, shapes, image] = await Promise.all([
    d.compute.listAvailabilityDomains(compartmentId),
    d.compute.listShapes({ compartmentId }),
    input.imageId ? d.compute.getImage(input.imageId) : Promise.resolve(undefined),
  ]);
  if (!ads[0]) throw new ConflictError('the region has no availability domain');
  if (input.availabilityDomain !== undefined && !ads.includes(input.availabilityDomain)) {
    throw badInput(
      'input.availabilityDomain',
      `input.availabilityDomain ${input.availabilityDomain} is not an availability domain of this region ` +
        `(${ads.join(', ')})`,
    );
  }
  const shape = shapes.find((s) => s.shape === input.shape);
  if (!shape) {
    const names = shapes.map((s) => s.shape);
    throw badInput(
      'input.shape',
      `input.shape ${input.shape} is not offered to this compartment ` +
        `(${names.slice(0, 20).join(', ')}${names.length > 20 ? ', ...' : ''})`,
    );
  }
  checkShapeConfig(shape, input.ocpus, input.memoryInGBs);
  if (!image)
    return {
      availabilityDomain: input.availabilityDomain ?? ads[0],
      imageId: await defaultImage(d, compartmentId, input.shape),
    };
  if (image.lifecycleState !== 'AVAILABLE')
    throw badInput('input.imageId', `image ${image.displayName} is ${image.lifecycleState}, not AVAILABLE`);
  const fits = await d.compute.listShapes({ compartmentId, imageId: image.id });
  if (!fits.some((s) => s.shape === input.shape))
    throw badInput('input.imageId', `image ${image.displayName} is not compatible with shape ${input.shape}`);
  return { availabilityDomain: input.availabilityDomain ?? ads[0], imageId: image.id };
}

export async function launchInstance(d: OperationsDeps, input: LaunchInput): Promise<LaunchResult> {
  // everything checked before anything is created: a bad input creates nothing
  await d.port.getCompartment(input.compartmentId);
  const { availabilityDomain, imageId } = await checkPlacement(d, input);
  const key = input.idempotencyKey ?? randomUUID();
  const launchTag = { key: 'launch-key', value: pieceToken(key, 'launch-tag').slice(0, 32) };
  // a rejected launch takes back the network it made, unless the caller may retry with the same
  // key: that retry must find the pieces its retry tokens name (OCI answers 409 for deleted ones)
  const rollback = input.idempotencyKey === undefined;
  const network = await ensureNetwork(d.network, {
    compartmentId: input.compartmentId,
    prefix: input.networkPrefix,
    ports: input.openPorts,
    idempotencyKey: key,
    rollback,
    log: d.log,
  });
  if (input.idempotencyKey) {
    // a retried launch whose first attempt succeeded: answer that instance (its generated key, if any, was shown once)
    const prior = await d.compute.findInstance({
      compartmentId: input.compartmentId,
      displayName: input.displayName,
      tag: launchTag,
    });
    if (prior) {
      const instance = await d.port.getInstance(prior);
      return {
        instance,
        generatedPrivateKey: null,
        sshPublicKey: input.sshPublicKey ?? null,
        imageId: instance.imageId ?? imageId,
        network,
      };
    }
  }
  const generated = input.sshPublicKey ? undefined : generateSshKeyPair(input.displayName);
  const sshPublicKey = input.sshPublicKey ?? generated!.publicKey;
  const instance = await d.compute
    .launch({
      compartmentId: input.compartmentId,
      displayName: input.displayName,
      availabilityDomain,
      shape: input.shape,
      ...(input.ocpus !== undefined ? { ocpus: input.ocpus } : {}),
      ...(input.memoryInGBs !== undefined ? { memoryInGBs: input.memoryInGBs } : {}),
      imageId,
      bootVolumeSizeInGBs: input.bootVolumeSizeInGBs,
      subnetId: network.subnetId,
      sshPublicKey,
      userData: input.userData ?? defaultUserData({ ports: input.openPorts }),
      freeformTags: { [MANAGED_TAG.key]: MANAGED_TAG.value, [launchTag.key]: launchTag.value },
      retryToken: pieceToken(key, 'instance'),
    })
    .catch(async (e: unknown) => {
      // OCI turned the launch down: take back the network pieces this call created (never reused ones)
      if (rollback && isRejection(e)) await undoNetworkChanges(d.network, network.changes, d.log);
      throw e;
    });
  await d.inventory.invalidate(input.compartmentId, ['instances']);
  d.log.info('instance launched', {
    instanceId: instance.id,
    compartmentId: input.compartmentId,
    networkCreated: network.created.length,
    generatedKey: !!generated,
  });
  return { instance, generatedPrivateKey: generated?.privateKey ?? null, sshPublicKey, imageId, network };
}

export interface TerminateResult {
  id: string;
  lifecycleState: string;
  removedNetwork: string[];
  networkKept: string | null;
}

export async function terminateInstance(
  d: OperationsDeps,
  args: { id: string; cleanupNetwork: boolean },
): Promise<TerminateResult> {
  const inst = await d.port.getInstance(args.id);
  const subnetId = args.cleanupNetwork
    ? await d.compute.subnetOfInstance({ compartmentId: inst.compartmentId, instanceId: inst.id })
    : undefined;
  if (inst.lifecycleState !== 'TERMINATED' && inst.lifecycleState !== 'TERMINATING') await d.compute.terminate(inst.id);
  await d.inventory.invalidate(inst.compartmentId, ['instances']);
  if (!args.cleanupNetwork) {
    const now = await d.port.getInstance(inst.id);
    return { id: inst.id, lifecycleState: now.lifecycleState, removedNetwork: [], networkKept: null };
  }
  // the subnet is busy until the instance's VNIC is gone, i.e. until TERMINATED
  const { instance, reached } = await waitForState(d, inst.id, ['TERMINATED']);
  if (!reached)
    return {
      id: inst.id,
      lifecycleState: instance.lifecycleState,
      removedNetwork: [],
      networkKept:
        'the instance was not TERMINATED before the deadline; run terminateInstance again to clean up the network',
    };
  if (!subnetId)
    return {
      id: inst.id,
      lifecycleState: instance.lifecycleState,
      removedNetwork: [],
      networkKept: 'the instance had no primary VNIC subnet',
    };
  const { removed, kept } = await cleanupNetwork(d.network, d.compute, {
    compartmentId: inst.compartmentId,
    subnetId,
    instanceId: inst.id,
  });
  return { id: inst.id, lifecycleState: instance.lifecycleState, removedNetwork: removed, networkKept: kept ?? null };
}
