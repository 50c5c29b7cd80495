/**
 * Single PUT or multipart. OCI takes up to 50 GiB in one PUT, but one PUT of many GiB fails as a
 * whole on any network hiccup and cannot be resumed; multipart retries one part. We switch at
 * 1 GiB (configurable) and use 128 MiB parts (OCI recommends multipart above 100 MiB; parts must
 * be ≥ 10 MiB except the last, at most 10,000 of them): 100 GiB is 800 parts. Parts grow (MiB
 * aligned) when a file would need more than 10,000.
 */
const MiB = 1024 ** 2;
export const MAX_PARTS = 10_000;
export const MIN_PART_BYTES = 10 * MiB;

export interface MultipartSettings {
  /** Files strictly larger get a multipart plan. @default 1 GiB (env MULTIPART_THRESHOLD_BYTES) */
  thresholdBytes: number;
  /** Preferred part size. @default 128 MiB (env MULTIPART_PART_BYTES) */
  partBytes: number;
}

export interface MultipartPlan {
  partSize: number;
  partCount: number;
}

/** The plan for `sizeBytes`, or `undefined` when one PUT is used. */
export function planUpload(sizeBytes: number, s: MultipartSettings): MultipartPlan | undefined {
  if (sizeBytes <= s.thresholdBytes) return undefined;
  let partSize = Math.max(s.partBytes, MIN_PART_BYTES);
  if (Math.ceil(sizeBytes / partSize) > MAX_PARTS) partSize = Math.ceil(sizeBytes / MAX_PARTS / MiB) * MiB;
  return { partSize, partCount: Math.ceil(sizeBytes / partSize) };
}

/** How to use a multipart PAR (the OCI PAR multipart protocol, implemented by the emulator). */
export const MULTIPART_INSTRUCTIONS =
  'PUT the url with header "opc-multipart: true" and no body; the JSON answer has "accessUri". ' +
  'Then PUT part n (1..partCount, each partSize bytes except the last) to <url origin><accessUri><n>, ' +
  'POST <url origin><accessUri> to commit, or DELETE it to abort.';
