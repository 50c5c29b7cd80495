/** The quota function's wiring: the storage domain's ledger and settlement from the function config. */
import type { Env } from '#shared/config.ts';
import type { Logger } from '#shared/log.ts';
import { storageFromEnv } from '#shared/storage/deps-oci.ts';
import type { Ledger } from '#shared/storage/ledger.ts';
import type { Settlement } from '#shared/storage/settlement.ts';

/** What the quota handler needs, built once per container. */
export function fromEnv(o: { env?: Env; log: Logger }): { ledger: Ledger; settlement: Settlement } {
  const { ledger, settlement } = storageFromEnv({ ...(o.env ? { env: o.env } : {}), log: o.log });
  return { ledger, settlement };
}
