/** The tenancy seed: the demo tenancy for `npm start`, the generator for the bench. */
export { applyTenancy, seedDemoTenancy, type SeedResult } from './apply.ts';
export { generateTenancy, type GenerateOptions } from './generate.ts';
export { DEMO_TENANCY } from './demo-tenancy.ts';
export type { TenancySpec, CompartmentSpec } from './spec.ts';
