/** Builds the {@link FnCall} for one invocation from the FDK context. */
import { randomUUID } from 'node:crypto';
import type { FdkContext } from '@fnproject/fdk';
import type { Logger } from '../log.ts';
import type { FnCall } from './types.ts';

/** Default call budget when the agent sends no usable `Fn-Deadline` (OCI's default timeout). */
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface CreateFnCallOptions {
  fnName: string;
  ctx: FdkContext;
  env: Readonly<Record<string, string | undefined>>;
  logger: Logger;
  /** @default Date.now */
  now: () => number;
}

function timeoutFromEnv(env: Readonly<Record<string, string | undefined>>): number {
  const v = Number(env.FN_TIMEOUT_MS);
  return Number.isFinite(v) && v > 0 ? v : DEFAULT_TIMEOUT_MS;
}

export function createFnCall({ fnName, ctx, env, logger, now }: CreateFnCallOptions): FnCall {
  const started = now();
  const callId = ctx.callID || `local-${randomUUID()}`;
  // The FDK's ctx.deadline is `new Date(NaN)` for a malformed header and null when absent.
  const fromHeader = ctx.deadline;
  const deadline =
    fromHeader && !Number.isNaN(fromHeader.getTime()) ? fromHeader : new Date(started + timeoutFromEnv(env));
  const opcRequestId = ctx.getHeader('Opc-Request-Id') ?? undefined;
  const call: FnCall = {
    callId,
    deadline,
    remainingMs: () => Math.max(0, deadline.getTime() - now()),
    env,
    log: logger.child({ fn: fnName, callId, ...(opcRequestId ? { opcRequestId } : {}) }),
  };
  if (opcRequestId) call.opcRequestId = opcRequestId;
  if (ctx.fnID) call.fnId = ctx.fnID;
  if (ctx.appID) call.appId = ctx.appID;
  return call;
}
