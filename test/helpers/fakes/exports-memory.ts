/**
 * In-memory Compute + Work Requests for unit tests of the export state machine. Work advances only
 * when the test says so (`finishCreate`, `finishExport`, `setProgress`), so every interleaving of
 * events can be driven by hand. Retry tokens behave as on OCI: the same token answers the first
 * call's resource. `deleteWhileExporting: 'conflict'` mimics OCI refusing to delete an EXPORTING image.
 */
import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '#shared/errors.ts';
import type { MemoryObjectStore } from './storage-memory.ts';
import type { ExportFormat } from '../../../functions/exports/model.ts';
import type {
  ComputeImagesPort,
  ImageStatus,
  InstanceInfo,
  WorkRequestInfo,
  WorkRequestsPort,
  WorkRequestStatus,
} from '../../../functions/exports/ports.ts';

interface FakeImage extends ImageStatus {
  instanceId: string;
  tags: Record<string, string>;
  createWr: string;
  exportWr?: string;
}
interface FakeExport {
  imageId: string;
  bucket: string;
  objectName: string;
  format: ExportFormat;
  wr: string;
}

export class FakeCompute implements ComputeImagesPort, WorkRequestsPort {
  readonly instances = new Map<string, InstanceInfo>();
  readonly images = new Map<string, FakeImage>();
  readonly workRequests = new Map<string, WorkRequestInfo>();
  readonly exports: FakeExport[] = [];
  readonly calls = { createImage: 0, exportImage: 0, deleteImage: 0 };
  private readonly tokens = new Map<string, unknown>();
  deleteWhileExporting: 'allow' | 'conflict' = 'allow';
  /** make the next N calls of an operation fail with this error (transient failures) */
  failNext: { op: keyof FakeCompute['calls'] | 'getImage'; error: Error; times: number } | undefined;

  constructor(private readonly store: MemoryObjectStore) {}

  addInstance(o: Partial<InstanceInfo> & { id?: string } = {}): InstanceInfo {
    const inst = {
      id: o.id ?? `ocid1.instance.oc1.local.${randomUUID().replace(/-/g, '')}`,
      displayName: o.displayName ?? 'vm-1',
      compartmentId: o.compartmentId ?? 'ocid1.compartment.oc1..c',
      lifecycleState: o.lifecycleState ?? 'RUNNING',
    };
    this.instances.set(inst.id, inst);
    return inst;
  }

  private maybeFail(op: keyof FakeCompute['calls'] | 'getImage'): void {
    if (this.failNext?.op === op && this.failNext.times > 0) {
      this.failNext.times--;
      throw this.failNext.error;
    }
  }

  private wr(status: WorkRequestStatus = 'ACCEPTED'): string {
    const id = `ocid1.workrequest.oc1.local.${randomUUID().replace(/-/g, '')}`;
    this.workRequests.set(id, { id, status, percentComplete: 0 });
    return id;
  }

  async getInstance(id: string) {
    return this.instances.get(id);
  }

  async createImage(o: {
    compartmentId: string;
    instanceId: string;
    displayName: string;
    freeformTags: Record<string, string>;
    retryToken: string;
  }) {
    this.maybeFail('createImage');
    const prior = this.tokens.get(`create:${o.retryToken}`) as { imageId: string; workRequestId: string } | undefined;
    if (prior) return prior;
    const inst = this.instances.get(o.instanceId);
    if (!inst) throw new NotFoundError(`instance ${o.instanceId} not found`);
    if (inst.lifecycleState !== 'RUNNING' && inst.lifecycleState !== 'STOPPED')
      throw new ConflictError(`instance is ${inst.lifecycleState}`);
    this.calls.createImage++;
    const id = `ocid1.image.oc1.local.${randomUUID().replace(/-/g, '')}`;
    const createWr = this.wr('IN_PROGRESS');
    this.images.set(id, {
      id,
      displayName: o.displayName,
      lifecycleState: 'PROVISIONING',
      instanceId: o.instanceId,
      tags: o.freeformTags,
      createWr,
    });
    const r = { imageId: id, workRequestId: createWr };
    this.tokens.set(`create:${o.retryToken}`, r);
    return r;
  }

  async getImage(id: string) {
    this.maybeFail('getImage');
    const i = this.images.get(id);
    return i ? { id: i.id, displayName: i.displayName, lifecycleState: i.lifecycleState } : undefined;
  }

  async exportImage(o: {
    imageId: string;
    namespace: string;
    bucket: string;
    objectName: string;
    format: ExportFormat;
    retryToken: string;
  }) {
    this.maybeFail('exportImage');
    const prior = this.tokens.get(`export:${o.retryToken}`) as { workRequestId: string } | undefined;
    if (prior) return prior;
    const img = this.images.get(o.imageId);
    if (!img || img.lifecycleState === 'DELETED') throw new NotFoundError(`image ${o.imageId} not found`);
    if (img.lifecycleState !== 'AVAILABLE') throw new ConflictError(`image is ${img.lifecycleState}`);
    this.calls.exportImage++;
    const wr = this.wr('IN_PROGRESS');
    img.lifecycleState = 'EXPORTING';
    img.exportWr = wr;
    this.exports.push({ imageId: img.id, bucket: o.bucket, objectName: o.objectName, format: o.format, wr });
    const r = { workRequestId: wr };
    this.tokens.set(`export:${o.retryToken}`, r);
    return r;
  }

  async deleteImage(id: string) {
    this.maybeFail('deleteImage');
    const img = this.images.get(id);
    if (!img || img.lifecycleState === 'DELETED') return;
    if (img.lifecycleState === 'EXPORTING' && this.deleteWhileExporting === 'conflict')
      throw new ConflictError(`image ${id} is EXPORTING`);
    this.calls.deleteImage++;
    if (img.lifecycleState === 'PROVISIONING') this.close(img.createWr, 'CANCELED');
    if (img.lifecycleState === 'EXPORTING' && img.exportWr) this.close(img.exportWr, 'CANCELED');
    img.lifecycleState = 'DELETED';
  }

  async get(workRequestId: string) {
    const w = this.workRequests.get(workRequestId);
    return w ? { ...w } : undefined;
  }

  // ---- test controls -------------------------------------------------------------------------

  setProgress(workRequestId: string, percent: number): void {
    const w = this.workRequests.get(workRequestId);
    if (w) Object.assign(w, { percentComplete: percent, status: 'IN_PROGRESS' });
  }

  close(workRequestId: string, status: 'SUCCEEDED' | 'FAILED' | 'CANCELED', error?: string): void {
    const w = this.workRequests.get(workRequestId);
    if (w)
      Object.assign(w, {
        status,
        ...(status === 'SUCCEEDED' ? { percentComplete: 100 } : {}),
        ...(error ? { error } : {}),
      });
  }

  /** The image becomes AVAILABLE (the moment OCI emits createimage.end). */
  finishCreate(imageId: string): void {
    const img = this.images.get(imageId)!;
    img.lifecycleState = 'AVAILABLE';
    this.close(img.createWr, 'SUCCEEDED');
  }

  /** The export writes its object (createobject event) and, unless `closeWorkRequest: false`, closes. */
  finishExport(imageId: string, o: { closeWorkRequest?: boolean; sizeBytes?: number } = {}): FakeExport {
    const ex = this.exports.find((e) => e.imageId === imageId)!;
    this.store.put(ex.bucket, ex.objectName, o.sizeBytes ?? 4200);
    if (o.closeWorkRequest !== false) this.closeExport(imageId);
    return ex;
  }

  closeExport(imageId: string, status: 'SUCCEEDED' | 'FAILED' = 'SUCCEEDED', error?: string): void {
    const img = this.images.get(imageId)!;
    if (img.lifecycleState === 'EXPORTING') img.lifecycleState = 'AVAILABLE';
    this.close(img.exportWr!, status, error);
  }

  liveImages(): FakeImage[] {
    return [...this.images.values()].filter((i) => i.lifecycleState !== 'DELETED');
  }
}
