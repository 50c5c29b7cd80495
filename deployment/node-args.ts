/**
 * The V8 flags the local cloud runs a function container with (kept beside the manifest because the build
 * trains a code cache for them too). There is no cgroup locally, so V8 would size its heap from
 * the machine's 24 GB and grow lazily past the function's memory tier; capping the old space at 75 %
 * of the tier keeps it collecting as it would inside OCI's memory limit (the rest is code, buffers,
 * stacks). RSS itself is not enforced locally.
 *
 * V8 flags are part of a code cache's validity, so the build trains one cache per flag set the
 * runner uses (scripts/build.ts) and `entry.cjs` picks the one matching its own flags.
 */
export function containerNodeArgs(memoryMb: number): string[] {
  return [`--max-old-space-size=${Math.floor(memoryMb * 0.75)}`];
}
