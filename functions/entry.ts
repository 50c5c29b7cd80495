/**
 * The image's single entrypoint: `node dist/functions/entry.cjs`. Every function ships in the same
 * image; Fn config `FUNCTION_NAME` (an env var inside the container) picks the bundle to load,
 * which starts the FDK on require. Kept free of imports beyond node builtins for cold start.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Functions the image can run (bundles `dist/functions/<name>.cjs`). */
export const FUNCTION_NAMES = ['gateway', 'resources', 'exports', 'presign', 'quota'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

function fail(message: string): never {
  process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: message, component: 'entry' }) + '\n');
  process.exit(2);
}

const name = process.env.FUNCTION_NAME?.trim() ?? '';
if (!name) fail(`FUNCTION_NAME is not set; set it in the function's config to one of: ${FUNCTION_NAMES.join(', ')}`);
if (!(FUNCTION_NAMES as readonly string[]).includes(name)) {
  fail(`FUNCTION_NAME="${name}" is not a known function (${FUNCTION_NAMES.join(', ')})`);
}
// The bundle is CJS, so __dirname is dist/functions. A computed path keeps esbuild from inlining
// every function into this entry.
const bundle = join(__dirname, `${name}.cjs`);
if (!existsSync(bundle)) fail(`bundle for "${name}" is missing (${bundle}); run npm run build`);
require(bundle);
