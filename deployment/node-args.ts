/**
 * The process settings a function container runs with, per memory tier: V8 flags (as NODE_OPTIONS)
 * and the glibc arena count. They are function config, set the same way everywhere: by Terraform
 * on OCI (generated/stack.json, infra/oci/functions.tf) and by the local stack
 * (local-cloud/stack/stack.ts). The image's CMD stays a plain `node entry.cjs`.
 *
 * Why (docs/operations.md "Soak memory"): measured in 3-minute soaks, RSS grew with V8's young
 * generation, not with live objects. Left to itself V8 sizes the semi-spaces from the machine's
 * memory (up to 32 MB each here; 64 MB of new space resident in the resources function after a few
 * subtree scans), and `--max-old-space-size` does not shrink them. So:
 * - `--max-semi-space-size` = tier / 64 MB (2 MB for 128 MB, 4 MB for 256 MB): the new space stays
 *   at 2 semi-spaces (4-8 MB);
 * - `--max-old-space-size` = 75 % of the tier: there is no cgroup locally, and on OCI V8 would take
 *   at least 256 MB for the old generation whatever the container's limit;
 * - `MALLOC_ARENA_MAX=2`: Node's threads each get a glibc arena otherwise; two keep the rest of the
 *   anonymous memory (malloc, Buffers' backing stores) 3-5 MB smaller per container.
 *
 * V8 flags are part of a code cache's validity: the build trains each function's cache under its
 * tier's NODE_OPTIONS (scripts/build.ts), and a container started without them compiles from source.
 */
export function containerNodeArgs(memoryMb: number): string[] {
  return [
    `--max-old-space-size=${Math.floor(memoryMb * 0.75)}`,
    `--max-semi-space-size=${Math.max(1, Math.floor(memoryMb / 64))}`,
  ];
}

/** The function config for a container of `memoryMb`: its NODE_OPTIONS and MALLOC_ARENA_MAX. */
export function containerEnv(memoryMb: number): { NODE_OPTIONS: string; MALLOC_ARENA_MAX: string } {
  return { NODE_OPTIONS: containerNodeArgs(memoryMb).join(' '), MALLOC_ARENA_MAX: '2' };
}

/**
 * The allocator the image preloads (Dockerfile `ENV LD_PRELOAD`, `ENV MALLOC_CONF`; a unit test keeps
 * them equal to these): Debian's jemalloc, one arena, freed pages returned at once. Measured in the
 * chaos soak (docs/operations.md "Soak memory"): glibc's malloc kept the high-water mark of transient
 * bursts (the gateway's brk heap stepped 8 → 32 MB in 5 s and stayed), jemalloc gives them back.
 * `MALLOC_ARENA_MAX` above is glibc's, for a process started without the preload.
 */
export const IMAGE_ALLOCATOR = {
  /** where the image links Debian's libjemalloc2 (the package puts it under an arch-specific dir) */
  preload: '/usr/local/lib/libjemalloc.so.2',
  /** jemalloc's options: one arena (2 vCPU at most), dirty and muzzy pages purged on free */
  conf: 'narenas:1,dirty_decay_ms:0,muzzy_decay_ms:0',
} as const;
