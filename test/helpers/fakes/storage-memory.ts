/**
 * In-memory {@link ObjectStore} for unit tests of domain code: objects with size/eTag, PARs
 * recorded (URLs are `memory://par/<id>`), lexicographic listing with `nextStart` paging.
 */
import { randomUUID } from 'node:crypto';
import type { CreatedPar, ObjectHead, ObjectPage, ObjectStore, ParAccess } from '#shared/storage/port.ts';

export interface MemoryObject {
  sizeBytes: number;
  eTag: string;
  lastModified: Date;
}

export class MemoryObjectStore implements ObjectStore {
  readonly objects = new Map<string, MemoryObject>();
  readonly pars: { id: string; bucket: string; objectName: string; access: ParAccess; expiresAt: Date }[] = [];
  /** Set to make the next createPar calls fail (tests of "nothing left behind"). */
  failCreatePar: Error | undefined;

  constructor(
    private readonly ns = 'testns',
    private readonly now: () => number = Date.now,
  ) {}

  private key = (bucket: string, name: string) => `${bucket}\u0000${name}`;

  /** Test helper: write an object as a PAR PUT would. Returns its eTag. */
  put(bucket: string, name: string, sizeBytes: number): string {
    const eTag = randomUUID();
    this.objects.set(this.key(bucket, name), { sizeBytes, eTag, lastModified: new Date(this.now()) });
    return eTag;
  }

  async namespace(): Promise<string> {
    return this.ns;
  }
  async createPar(o: {
    bucket: string;
    objectName: string;
    access: ParAccess;
    expiresAt: Date;
    name: string;
  }): Promise<CreatedPar> {
    if (this.failCreatePar) throw this.failCreatePar;
    const id = randomUUID();
    this.pars.push({ id, bucket: o.bucket, objectName: o.objectName, access: o.access, expiresAt: o.expiresAt });
    return { id, url: `memory://par/${id}`, expiresAt: o.expiresAt };
  }
  async deletePar(o: { bucket: string; parId: string }): Promise<void> {
    const i = this.pars.findIndex((p) => p.id === o.parId && p.bucket === o.bucket);
    if (i >= 0) this.pars.splice(i, 1);
  }
  async head(o: { bucket: string; objectName: string }): Promise<ObjectHead | undefined> {
    const v = this.objects.get(this.key(o.bucket, o.objectName));
    return v ? { ...v } : undefined;
  }
  async list(o: { bucket: string; prefix: string; start?: string; limit?: number }): Promise<ObjectPage> {
    const names = [...this.objects.keys()]
      .filter((k) => k.startsWith(`${o.bucket}\u0000`))
      .map((k) => k.slice(o.bucket.length + 1))
      .filter((n) => n.startsWith(o.prefix) && (o.start === undefined || n >= o.start))
      .sort();
    const limit = Math.min(o.limit ?? 1000, 1000);
    const page = names.slice(0, limit);
    const out: ObjectPage = {
      objects: page.map((name) => {
        const v = this.objects.get(this.key(o.bucket, name))!;
        return { name, sizeBytes: v.sizeBytes, eTag: v.eTag, timeCreated: v.lastModified };
      }),
    };
    if (names.length > limit) out.nextStart = names[limit]!;
    return out;
  }
  async delete(o: { bucket: string; objectName: string }): Promise<boolean> {
    return this.objects.delete(this.key(o.bucket, o.objectName));
  }
}
