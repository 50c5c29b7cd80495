/**
 * The image's allocator for containers the runner starts on this machine: the image preloads Debian's
 * jemalloc with `IMAGE_ALLOCATOR.conf` (Dockerfile, deployment/node-args.ts), so a local container
 * does the same when the library is here (`apt-get install libjemalloc2`). Without it the containers
 * run on glibc's malloc, as a warning says once: memory figures then differ from the image's.
 */
import { existsSync } from 'node:fs';
import { IMAGE_ALLOCATOR } from '../product.ts';

const CANDIDATES = [
  IMAGE_ALLOCATOR.preload,
  '/usr/lib/x86_64-linux-gnu/libjemalloc.so.2',
  '/usr/lib/aarch64-linux-gnu/libjemalloc.so.2',
  '/usr/lib64/libjemalloc.so.2',
  '/usr/lib/libjemalloc.so.2',
];

/** `LD_PRELOAD` and `MALLOC_CONF` as the image sets them, or null when jemalloc is not on this machine. */
export function hostAllocatorEnv(
  exists: (path: string) => boolean = existsSync,
): { LD_PRELOAD: string; MALLOC_CONF: string } | null {
  const lib = CANDIDATES.find((p) => exists(p));
  return lib ? { LD_PRELOAD: lib, MALLOC_CONF: IMAGE_ALLOCATOR.conf } : null;
}
