/**
 * Typed adapter over `@fnproject/fdk` 0.0.76 (ARCHITECTURE.md "Function runtime").
 * Kept light for cold start: it loads the FDK (fs/http/path only), errors and log, nothing from oci-*.
 *
 * @example
 * startFunction({ name: 'quota', invoke: async (body, call) => executeSubschemaRequest(...) });
 */
import fdk from '@fnproject/fdk';
import { routeConsole } from '../console.ts';
import { createLogger } from '../log.ts';
import { createFnHandler, type FnHandlerOptions } from './dispatch.ts';
import type { FunctionDefinition } from './types.ts';

export type { FnCall, HttpHandler, EventHandler, InvokeHandler, FunctionDefinition, CallKind } from './types.ts';
export type { OciEvent, OciEventData, ObjectEvent } from './event.ts';
export { parseOciEvent, objectEventOf, looksLikeEvent } from './event.ts';
export { createFnHandler, errorBody, type FnHandlerOptions, type FdkBufferHandler } from './dispatch.ts';
export { jsonResponse } from './http.ts';

/**
 * Start serving on the Fn socket (`FN_LISTENER`, `FN_FORMAT=http-stream`). Call once, at module
 * top level of `functions/<fn>/handler.ts`. Returns the FDK's stop function (closes the socket).
 */
export function startFunction(def: FunctionDefinition, options?: FnHandlerOptions): () => void {
  // library console output (oci-common, the FDK) and process warnings as JSON lines only
  routeConsole(options?.logger ?? createLogger({ base: { fn: def.name } }));
  return fdk.handle(createFnHandler(def, options), { inputMode: 'buffer' });
}
