/**
 * Child process of bench/resources.ts: an emulator seeded with a generated tenancy, in its own
 * process so the emulator's CPU (request parsing, signature checks, state writes) does not share
 * the event loop with the function under test. Prints one JSON line {url, configFile, tenancyId,
 * rootId} when ready; exits when stdin closes.
 */
import { startEmulator } from '#local/emulator/index.ts';
import { applyTenancy } from '#local/emulator/seed/apply.ts';
import { generateTenancy } from '#local/emulator/seed/generate.ts';

const [stateDir, compartments, perKind] = [process.argv[2]!, Number(process.argv[3]), Number(process.argv[4])];
process.env.EMULATOR_TRANSITION_MS = '0';
const emu = await startEmulator({ stateDir, port: 0, onError: () => {} });
const seeded = await applyTenancy(emu, generateTenancy({ compartments, perKind }));
process.stdout.write(
  `${JSON.stringify({
    url: emu.url,
    configFile: emu.admin.configFile,
    tenancyId: emu.tenancy.tenancyId,
    rootId: seeded.compartments.bench,
  })}\n`,
);
process.stdin.resume();
process.stdin.on('end', () => {
  void emu.close().then(() => process.exit(0));
});
