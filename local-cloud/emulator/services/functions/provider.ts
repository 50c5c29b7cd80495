/**
 * Functions: the invoke API (`POST /20181201/functions/{functionId}/actions/invoke`) in front of
 * registered targets. The emulator runs no code itself: the local stack registers each function's
 * target (the Fn runner's `invoke` bound to the OCID) with `register(fnId, target, meta)`.
 *
 * Limitations against OCI:
 * - Only registered functions exist (GetFunction answers from the registration); applications and
 *   function management (create/update/delete/list, PBF listings) answer 501 naming the operation.
 * - Detached invocations (`fn-invoke-type: detached`) answer 202 and run in the background; their
 *   outcome is only logged (OCI sends it to the function's logs/destinations).
 * - The request limit (6 MB) answers 413 RequestEntityTooLarge; OCI's exact code is not documented.
 * - The function sees the caller as `oci-subject-id` / `oci-subject-type` / `oci-subject-tenancy-id`
 *   (what OCI's API Gateway sends, reference §1.3); client-sent `oci-subject-*` headers are dropped.
 */
import { createLogger } from '#local/product.ts';
import { OciErrors, OciServiceError } from '../../core/errors.ts';
import type { EmulatorRequest, EmulatorResponse, Provider, ProviderContext } from '../../core/types.ts';

/** 6 MB: OCI's request and response payload limit (reference §1.7). */
export const MAX_INVOKE_BYTES = 6 * 1024 * 1024;

/** What runs a function: the Fn runner's `invoke` bound to one OCID (structurally `Runner.invoke`). */
export interface FunctionTarget {
  invoke(request: { body: Buffer; headers: Record<string, string | string[] | undefined> }): Promise<{
    status: number;
    headers: Record<string, string>;
    body: Buffer;
    /** a failed call: OCI's code and message */
    error?: { code: string; message: string };
  }>;
}

/** Shown by GetFunction. */
export interface FunctionMeta {
  displayName?: string;
  applicationId?: string;
  compartmentId?: string;
  memoryInMBs?: number;
  timeoutInSeconds?: number;
}

export interface FunctionsProvider extends Provider {
  /** Route invokes of `fnId` to `target` (replaces an earlier registration). */
  register(fnId: string, target: FunctionTarget, meta?: FunctionMeta): void;
  unregister(fnId: string): boolean;
  registered(): string[];
  /** the compartment a registered function lives in (IAM targets) */
  compartmentOf(fnId: string): string | undefined;
}

/** Request headers that belong to the invoke API call itself, not to the function. */
const NOT_FORWARDED = new Set([
  'authorization',
  'x-date',
  'date',
  'x-content-sha256',
  'host',
  'content-length',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'upgrade',
  'trailer',
  'opc-client-retries',
]);

export function functionsProvider(ctx: ProviderContext): FunctionsProvider {
  const targets = new Map<string, { target: FunctionTarget; meta: FunctionMeta; registeredAt: string }>();
  const log = createLogger({ base: { component: 'emulator.functions' } });

  function lookup(fnId: string) {
    const t = targets.get(fnId);
    if (!t) throw OciErrors.notAuthorizedOrNotFound(`Function ${fnId} not found or not authorized`);
    return t;
  }

  function forwardHeaders(req: EmulatorRequest): Record<string, string | string[] | undefined> {
    const out: Record<string, string | string[] | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (NOT_FORWARDED.has(k) || k.startsWith('oci-subject-')) continue;
      out[k] = v;
    }
    out['opc-request-id'] = req.requestId;
    if (req.principal) {
      out['oci-subject-id'] = req.principal.id;
      out['oci-subject-type'] = req.principal.kind;
      out['oci-subject-tenancy-id'] = req.principal.tenancyId;
    }
    return out;
  }

  async function invoke(req: EmulatorRequest): Promise<EmulatorResponse> {
    const fnId = req.params.functionId!;
    const { target } = lookup(fnId);
    const intent = req.header('fn-intent')?.toLowerCase();
    if (intent !== undefined && intent !== 'httprequest' && intent !== 'cloudevent')
      throw OciErrors.invalidParameter('fn-intent must be httprequest or cloudevent');
    const invokeType = (req.header('fn-invoke-type') ?? 'sync').toLowerCase();
    if (invokeType !== 'sync' && invokeType !== 'detached')
      throw OciErrors.invalidParameter('fn-invoke-type must be sync or detached');
    if (req.body.length > MAX_INVOKE_BYTES) {
      throw OciErrors.payloadTooLarge(
        `The request body is ${req.body.length} bytes; function invocations accept at most ${MAX_INVOKE_BYTES} (6 MB)`,
      );
    }
    if ((req.header('is-dry-run') ?? '').toLowerCase() === 'true')
      return { status: 200, headers: { 'content-type': 'text/plain' }, body: '' };
    const call = { body: req.body, headers: forwardHeaders(req) };
    if (invokeType === 'detached') {
      void target.invoke(call).then(
        (r) => {
          if (r.error)
            log.warn('detached invocation failed', {
              fnId,
              requestId: req.requestId,
              code: r.error.code,
              message: r.error.message,
            });
        },
        (e: unknown) => log.error('detached invocation threw', { fnId, requestId: req.requestId, error: e }),
      );
      return { status: 202, headers: { 'content-length': 0 } };
    }
    let result: Awaited<ReturnType<FunctionTarget['invoke']>>;
    try {
      result = await target.invoke(call);
    } catch (e: unknown) {
      log.error('function target threw', { fnId, requestId: req.requestId, error: e });
      throw new OciServiceError(502, 'FunctionInvokeExecutionError', 'error receiving function response');
    }
    if (result.error)
      throw new OciServiceError(
        result.status,
        result.error.code,
        result.error.message,
        pick(result.headers, (k) => k === 'fn-call-id'),
      );
    const headers = pick(
      result.headers,
      (k) =>
        k === 'content-type' ||
        k === 'fn-call-id' ||
        (intent === 'httprequest' && (k === 'fn-http-status' || k.startsWith('fn-http-h-'))),
    );
    return { status: result.status, headers, body: result.body };
  }

  function getFunction(req: EmulatorRequest): EmulatorResponse {
    const fnId = req.params.functionId!;
    const { meta, registeredAt } = lookup(fnId);
    return {
      body: {
        id: fnId,
        displayName: meta.displayName ?? fnId,
        applicationId: meta.applicationId,
        compartmentId: meta.compartmentId,
        lifecycleState: 'ACTIVE',
        image: 'local/fn-runner',
        imageDigest: 'sha256:local',
        memoryInMBs: meta.memoryInMBs ?? 128,
        timeoutInSeconds: meta.timeoutInSeconds ?? 30,
        invokeEndpoint: ctx.baseUrl(),
        config: {},
        timeCreated: registeredAt,
        timeUpdated: registeredAt,
      },
    };
  }

  const V = '/20181201';
  return {
    name: 'functions',
    prefixes: [V],
    routes: [
      {
        method: 'POST',
        path: `${V}/functions/{functionId}/actions/invoke`,
        operation: 'InvokeFunction',
        handler: invoke,
      },
      { method: 'GET', path: `${V}/functions/{functionId}`, operation: 'GetFunction', handler: getFunction },
    ],
    unimplemented: [
      { method: 'GET', path: `${V}/functions`, operation: 'ListFunctions' },
      { method: 'POST', path: `${V}/functions`, operation: 'CreateFunction' },
      { method: 'PUT', path: `${V}/functions/{functionId}`, operation: 'UpdateFunction' },
      { method: 'DELETE', path: `${V}/functions/{functionId}`, operation: 'DeleteFunction' },
      { method: 'GET', path: `${V}/applications`, operation: 'ListApplications' },
      { method: 'POST', path: `${V}/applications`, operation: 'CreateApplication' },
      { method: 'GET', path: `${V}/applications/{applicationId}`, operation: 'GetApplication' },
      { method: 'PUT', path: `${V}/applications/{applicationId}`, operation: 'UpdateApplication' },
      { method: 'DELETE', path: `${V}/applications/{applicationId}`, operation: 'DeleteApplication' },
      {
        method: 'POST',
        path: `${V}/applications/{applicationId}/actions/changeCompartment`,
        operation: 'ChangeApplicationCompartment',
      },
      { method: 'GET', path: `${V}/pbfListings`, operation: 'ListPbfListings' },
      { method: 'GET', path: `${V}/pbfListings/triggers`, operation: 'ListTriggers' },
      { method: 'GET', path: `${V}/pbfListings/{pbfListingId}`, operation: 'GetPbfListing' },
      { method: 'GET', path: `${V}/pbfListingVersions`, operation: 'ListPbfListingVersions' },
      { method: 'GET', path: `${V}/pbfListingVersions/{pbfListingVersionId}`, operation: 'GetPbfListingVersion' },
    ],
    register(fnId, target, meta = {}) {
      targets.set(fnId, { target, meta, registeredAt: new Date(ctx.now()).toISOString() });
    },
    unregister: (fnId) => targets.delete(fnId),
    registered: () => [...targets.keys()],
    compartmentOf: (fnId) => targets.get(fnId)?.meta.compartmentId,
  };
}

function pick(headers: Record<string, string>, keep: (lowerName: string) => boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (keep(k.toLowerCase())) out[k.toLowerCase()] = v;
  return out;
}
