/**
 * The Object Storage port: what presign and quota need from a bucket. Domain code depends on this;
 * `objectstorage-oci.ts` implements it with oci-objectstorage.
 */

/** Access a PAR grants. Only single-object kinds: user URLs never cover more than one object. */
export type ParAccess = 'ObjectRead' | 'ObjectWrite';

/** A created pre-authenticated request. */
export interface CreatedPar {
  id: string;
  /** Absolute URL the user calls without signing. */
  url: string;
  expiresAt: Date;
}

/** Metadata of a stored object (HEAD). */
export interface ObjectHead {
  sizeBytes: number;
  eTag: string;
  lastModified?: Date;
}

/** One entry of a listing. */
export interface ObjectSummary {
  name: string;
  sizeBytes: number;
  eTag?: string;
  timeCreated?: Date;
}

/** One page of a listing; `nextStart` is the name to continue from. */
export interface ObjectPage {
  objects: ObjectSummary[];
  nextStart?: string;
}

/** Object Storage operations on one namespace. Errors are AppErrors (via `toAppError`). */
export interface ObjectStore {
  /** The tenancy's namespace (resolved once and cached). */
  namespace(): Promise<string>;
  /** A PAR for exactly `objectName` in `bucket`. */
  createPar(options: {
    bucket: string;
    objectName: string;
    access: ParAccess;
    expiresAt: Date;
    name: string;
  }): Promise<CreatedPar>;
  /** Deletes a PAR; a missing PAR is not an error. */
  deletePar(options: { bucket: string; parId: string }): Promise<void>;
  /** The object's metadata, or `undefined` when it does not exist. */
  head(options: { bucket: string; objectName: string }): Promise<ObjectHead | undefined>;
  /** One page of objects under `prefix` (names in lexicographic order), at most `limit` (≤ 1000). */
  list(options: { bucket: string; prefix: string; start?: string; limit?: number }): Promise<ObjectPage>;
  /** Deletes an object; returns false when it did not exist. */
  delete(options: { bucket: string; objectName: string }): Promise<boolean>;
}
