/**
 * Dispatch of one Fn call to the function's http / event / invoke handler.
 * `createFnHandler(def)` returns exactly the `(input, ctx)` function the FDK calls, so it is unit
 * tested with a fake context (test/helpers/fn-context.ts) and, once, through the real FDK socket.
 *
 * Guarantees: never returns null/undefined (crashes the FDK, §1.5); never lets an error escape,
 * except the deliberate, sanitised event-failure Error (FDK answers 502, Events retries); one JSON
 * log line per call.
 */
import fdk from '@fnproject/fdk';
import type { FdkContext, FdkResult } from '@fnproject/fdk';
import { runWithDeadline } from '../deadline.ts';
import { AppError, BadUserInputError, ErrorCode, errorMessage, isAppError } from '../errors.ts';
import { createLogger, type Logger } from '../log.ts';
import { createFnCall } from './call.ts';
import { looksLikeEvent, parseOciEvent } from './event.ts';
import { fromResponse, jsonResponse, toRequest } from './http.ts';
import type { CallKind, FnCall, FunctionDefinition } from './types.ts';

/** Options for tests and embedding. */
export interface FnHandlerOptions {
  /** @default createLogger() (JSON lines on stderr) */
  logger?: Logger;
  /** @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
  /** @default Date.now */
  now?: () => number;
}

/** The function the FDK calls with `inputMode: 'buffer'`. */
export type FdkBufferHandler = (input: Buffer, ctx: FdkContext) => Promise<FdkResult>;

type Outcome = 'ok' | 'error' | 'rejected';
interface Result {
  kind: CallKind;
  outcome: Outcome;
  status: number;
  result: FdkResult;
}

/** JSON error body: `error` for plain callers, `errors` in GraphQL ExecutionResult shape for the gateway. */
export function errorBody(code: string, status: number, message: string): Record<string, unknown> {
  return { error: { code, message }, errors: [{ message, extensions: { code, http: { status } } }] };
}

/** Expected errors keep their code and message; anything else is masked with the call id. */
function publicError(e: unknown, call: FnCall): { code: string; status: number; message: string } {
  if (isAppError(e)) return { code: e.code, status: e.httpStatus, message: e.message };
  return { code: ErrorCode.Internal, status: 500, message: `internal error; call ${call.callId}` };
}

function json(payload: unknown): FdkResult {
  return fdk.rawResult(Buffer.from(JSON.stringify(payload === undefined ? {} : payload)));
}

function isHttpCall(ctx: FdkContext): boolean {
  return (ctx.getHeader('Fn-Intent') ?? '').toLowerCase() === 'httprequest' || ctx.getHeader('Fn-Http-Method') !== null;
}

function notHandled(def: FunctionDefinition, kind: CallKind): AppError {
  return new AppError(ErrorCode.NotImplemented, 501, `function "${def.name}" does not handle ${kind} calls`);
}

async function runHttp(def: FunctionDefinition, input: Buffer, ctx: FdkContext, call: FnCall): Promise<Result> {
  let res: Response;
  let outcome: Outcome = 'ok';
  try {
    if (!def.http) throw notHandled(def, 'http');
    let req: Request;
    try {
      req = toRequest(ctx, input);
    } catch (e: unknown) {
      throw new BadUserInputError(`invalid HTTP request: ${errorMessage(e)}`);
    }
    res = await def.http(req, call);
    if (!(res instanceof Response)) throw new TypeError('http handler did not return a Response');
  } catch (e: unknown) {
    const pub = publicError(e, call);
    outcome = isAppError(e) ? 'rejected' : 'error';
    call.log.error('http handler failed', { error: e });
    res = jsonResponse(pub.status, errorBody(pub.code, pub.status, pub.message));
  }
  return { kind: 'http', outcome, status: res.status, result: await fromResponse(ctx, res) };
}

function parseJsonBody(input: Buffer): unknown {
  const text = input.toString('utf8');
  if (text.trim() === '') throw new BadUserInputError('request body is empty; expected JSON');
  try {
    return JSON.parse(text);
  } catch {
    throw new BadUserInputError('request body is not valid JSON');
  }
}

async function runJson(def: FunctionDefinition, input: Buffer, ctx: FdkContext, call: FnCall): Promise<Result> {
  let kind: CallKind = (ctx.getHeader('Fn-Intent') ?? '').toLowerCase() === 'cloudevent' ? 'event' : 'invoke';
  try {
    const body = parseJsonBody(input);
    if (looksLikeEvent(body)) kind = 'event';
    if (kind === 'event') {
      if (!def.event) throw notHandled(def, 'event');
      const event = parseOciEvent(body);
      try {
        return { kind, outcome: 'ok', status: 200, result: json(await def.event(event, call)) };
      } catch (e: unknown) {
        // Bad input will not get better on retry: acknowledge and reject. Anything else: 502 + retry.
        if (e instanceof BadUserInputError) throw e;
        call.log.error('event handler failed', { error: e, eventType: event.eventType, eventID: event.eventID });
        throw new EventFailure(call.callId);
      }
    }
    if (!def.invoke) throw notHandled(def, 'invoke');
    return { kind, outcome: 'ok', status: 200, result: json(await def.invoke(body, call)) };
  } catch (e: unknown) {
    if (e instanceof EventFailure) throw e;
    const pub = publicError(e, call);
    call.log.error(`${kind} failed`, { error: e });
    return {
      kind,
      outcome: isAppError(e) ? 'rejected' : 'error',
      status: pub.status,
      result: json(errorBody(pub.code, pub.status, pub.message)),
    };
  }
}

/** The sanitised error the FDK turns into 502 `{"detail":"Error: event handling failed; call <id>"}`. */
class EventFailure extends Error {
  constructor(callId: string) {
    super(`event handling failed; call ${callId}`);
    this.name = 'Error'; // the FDK prints error.toString(): keep it "Error: ..."
  }
}

/**
 * Build the FDK handler for a function definition.
 * @example fdk.handle(createFnHandler({ name: 'quota', invoke }), { inputMode: 'buffer' });
 */
export function createFnHandler(def: FunctionDefinition, options: FnHandlerOptions = {}): FdkBufferHandler {
  if (!def.http && !def.event && !def.invoke) throw new TypeError(`function "${def.name}" defines no handler`);
  const logger = options.logger ?? createLogger();
  const env = options.env ?? process.env;
  const now = options.now ?? Date.now;
  return async (input, ctx) => {
    const started = now();
    const call = createFnCall({ fnName: def.name, ctx, env, logger, now });
    const body = Buffer.isBuffer(input) ? input : Buffer.from(String(input ?? ''));
    const kindHint: CallKind = isHttpCall(ctx) ? 'http' : 'invoke';
    try {
      // the call's deadline is ambient for retries deep in adapters (shared/deadline.ts)
      const r = await runWithDeadline(
        now() + call.remainingMs(),
        () => (kindHint === 'http' ? runHttp(def, body, ctx, call) : runJson(def, body, ctx, call)),
        now,
      );
      call.log.info('call', { kind: r.kind, outcome: r.outcome, status: r.status, durationMs: now() - started });
      return r.result;
    } catch (e: unknown) {
      if (e instanceof EventFailure) {
        call.log.info('call', { kind: 'event', outcome: 'error', status: 502, durationMs: now() - started });
        throw e;
      }
      // Defensive: nothing above should throw, but an escaping error would leak its text in the 502 body.
      call.log.error('unexpected adapter failure', { error: e });
      call.log.info('call', { kind: kindHint, outcome: 'error', status: 500, durationMs: now() - started });
      return json(errorBody(ErrorCode.Internal, 500, `internal error; call ${call.callId}`));
    }
  };
}
