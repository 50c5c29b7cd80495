/** The emulator's operation catalog is exactly what its generator makes from the installed oci-* clients. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOG_FILE, renderCatalog } from '#local/emulator/services/resource-kit/gen-catalog.ts';

describe('emulator catalog (catalog.generated.ts)', () => {
  it('matches a fresh generation from the oci-* clients (run npm run catalog:generate after an upgrade)', () => {
    const fresh = renderCatalog();
    expect(fresh).toContain('ComputeClient');
    expect(readFileSync(CATALOG_FILE, 'utf8'), 'catalog.generated.ts is stale: run npm run catalog:generate').toBe(
      fresh,
    );
  });
});
