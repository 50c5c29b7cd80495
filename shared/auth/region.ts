/** Region ids and short codes → oci-common `Region`, registering unknown ids in OC1 like the SDK. */
import { Realm, Region } from 'oci-common';
import { AuthConfigError } from './errors.ts';

export function regionOf(idOrShortCode: string, where: string): Region {
  const lower = idOrShortCode.trim().toLowerCase();
  // short codes (iad, phx) have no dash; ids (us-ashburn-1) do
  const id = lower.includes('-') ? lower : (Region.getRegionIdFromShortCode(lower) ?? lower);
  if (!/^[a-z0-9-]+$/.test(id)) throw new AuthConfigError(`${where}: "${idOrShortCode}" is not a region id`);
  // Unknown ids (e.g. a new region or the emulator's) are registered in OC1 instead of failing:
  // with OCI_ENDPOINT set the region only labels the client.
  return Region.fromRegionId(id) ?? Region.register(id, Realm.OC1);
}
