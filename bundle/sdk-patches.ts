/**
 * A targeted fix of oci-common 2.139.1, applied once when the first client is built (client.ts).
 *
 * oci-common checks every request body with `utils.isEmpty(body)` (lib/helper.js
 * `getSignerAndReqBody`), which is `Object.keys(obj).length === 0`. For a string body, Object.keys
 * allocates one index string per character: a 200 KB NoSQL row write allocated 200,000 strings
 * before it was sent. In the resources inventory bench that was ≈ 0.25 ms of CPU per call, the
 * largest cost after RSA signing, plus the garbage it left. The replacement gives the same answer
 * for every input (a string's key count is its length) in O(1) for strings.
 *
 * helper.js calls it as `utils_1.isEmpty(...)`, a property read at call time, so replacing the
 * property on the module's exports object reaches it; `test/unit/oci-sdk-patches.test.ts` checks
 * that against the SDK's own request path, `test/unit/oci-sdk-upgrade.test.ts` that the SDK still
 * has that shape.
 */
// through the barrel's `utils` (the lib/utils exports object itself), read only when applied: the
// lazy-barrels build plugin keeps oci-common unloaded until a client is built (cold start)
import { utils as ociUtils } from 'oci-common';

type IsEmpty = (obj: unknown) => boolean;
let applied = false;

export function applySdkPatches(): void {
  if (applied) return;
  applied = true;
  const utils = ociUtils as unknown as { isEmpty: IsEmpty };
  const original = utils.isEmpty;
  utils.isEmpty = (obj) => (typeof obj === 'string' ? obj.length === 0 : original(obj));
}
