/**
 * Shared setup of the emu-* resource provider tests: an emulator with short transitions, real
 * oci-sdk clients (no retries, no circuit breaker, so a 409 shows at once) and small helpers.
 */
import {
  clientOf,
  failure,
  startEmulatorFixture,
  uid,
  type ClientClass,
  type EmulatorFixture,
} from '../helpers/emulator.ts';
import type { EmulatorOptions } from '#local/emulator/index.ts';

export interface Kit {
  fx: EmulatorFixture;
  tenancyId: string;
  /** a client of `Client` pointed at the emulator */
  client<T extends { endpoint: string }>(Client: ClientClass<T>): T;
}

/** Starts an emulator with EMULATOR_TRANSITION_MS=100 and EMULATOR_IMAGE_WORK_MS=300 (unless set). */
export async function startKit(options: Partial<EmulatorOptions> = {}): Promise<Kit> {
  process.env.EMULATOR_TRANSITION_MS ??= '100';
  process.env.EMULATOR_IMAGE_WORK_MS ??= '300';
  const fx = await startEmulatorFixture(options);
  const kit: Kit = {
    fx,
    tenancyId: fx.emu.admin.tenancyId,
    // reads kit.fx at call time, so clients made after a restart reach the new port
    client: (Client) => clientOf(kit.fx, Client),
  };
  return kit;
}

/** Every item of a paginated list call, plus the number of pages it took. */
export async function allPages<T>(
  call: (page: string | undefined) => Promise<{ items: T[]; opcNextPage?: string }>,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let page: string | undefined;
  let pages = 0;
  do {
    const r = await call(page);
    items.push(...r.items);
    page = r.opcNextPage;
    pages++;
  } while (page);
  return { items, pages };
}

export { failure, uid };
