/**
 * The gateway function: API Gateway → (Fn-Intent: httprequest) → Yoga over the stitched schema,
 * each domain subschema delegated to its function through the OCI Functions invoke API.
 * Built once per container at module scope; the stitched schema is built on the first request.
 */
import { jsonResponse, startFunction } from '#shared/fn/index.ts';
import { DOMAIN_FUNCTIONS } from '../../schema/index.ts';
import { remoteExecutorsFromEnv } from './executor.ts';
import { createGateway } from './gateway.ts';
import { createOciInvoker } from './invoker-oci.ts';

const mode = process.env.GATEWAY_MODE?.trim() || 'remote';

// trustedSdl: the build validated schema/*.graphql, so the cold start skips validating it again.
const gateway = createGateway({ executors: remoteExecutorsFromEnv({ functions: DOMAIN_FUNCTIONS, invoker: createOciInvoker() }), trustedSdl: true });

// GATEWAY_MODE=inprocess exists for tests, which build createGateway with createInMemoryInvoker
// themselves; a deployed gateway in any mode but remote is misconfigured and says so.
const misconfigured = () =>
  jsonResponse(500, {
    errors: [
      {
        message: `GATEWAY_MODE="${mode}" is not supported by the deployed gateway: unset it or set GATEWAY_MODE=remote`,
        extensions: { code: 'INTERNAL_SERVER_ERROR', http: { status: 500 } },
      },
    ],
  });

startFunction({
  name: 'gateway',
  http: async (req, call) => (mode === 'remote' ? gateway.fetch(req, { call }) : misconfigured()),
});
