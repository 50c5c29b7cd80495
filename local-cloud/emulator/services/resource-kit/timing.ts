/**
 * How long emulated work takes. Read from the environment when a provider starts, so a test sets
 * them before `startEmulator` and the stack keeps the defaults:
 * - `EMULATOR_TRANSITION_MS` (default 3000): each lifecycle step of an instance (PROVISIONING →
 *   RUNNING, STOPPING → STOPPED, ...), and of the seeded resources' provisioning.
 * - `EMULATOR_IMAGE_WORK_MS` (default 6000): a createImage or exportImage work request.
 */
export interface Timing {
  transitionMs: number;
  imageWorkMs: number;
}

function envMs(name: string, def: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number of milliseconds, got '${raw}'`);
  return n;
}

export function timingFromEnv(overrides: Partial<Timing> = {}): Timing {
  return {
    transitionMs: overrides.transitionMs ?? envMs('EMULATOR_TRANSITION_MS', 3000),
    imageWorkMs: overrides.imageWorkMs ?? envMs('EMULATOR_IMAGE_WORK_MS', 6000),
  };
}
