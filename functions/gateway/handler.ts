/**
 * The gateway function: API Gateway → (Fn-Intent: httprequest) → Yoga over the stitched schema,
 * each domain subschema delegated to its function through the OCI Functions invoke API.
 * Built once per container at module scope; the stitched schema is built on the first request.
 */
import { startFunction } from '#shared/fn/index.ts';
import { DOMAIN_FUNCTIONS } from '../../schema/index.ts';
import { remoteExecutorsFromEnv } from './executor.ts';
import { createGateway } from './gateway.ts';
import { createOciInvoker } from './invoker-oci.ts';

// trustedSdl: the build validated schema/*.graphql, so the cold start skips validating it again.
const gateway = createGateway({
  executors: remoteExecutorsFromEnv({ functions: DOMAIN_FUNCTIONS, invoker: createOciInvoker() }),
  trustedSdl: true,
});

startFunction({
  name: 'gateway',
  http: async (req, call) => gateway.fetch(req, { call }),
});
