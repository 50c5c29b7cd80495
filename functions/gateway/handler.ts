/**
 * The gateway function: API Gateway → (Fn-Intent: httprequest) → Yoga over the stitched schema,
 * each domain subschema delegated to its function through the OCI Functions invoke API.
 * Built once per container at module scope; the stitched schema is built on the first request that needs it.
 */
import { startFunction } from '#shared/fn/index.ts';
import { fromEnv } from './deps-oci.ts';

const { gateway } = fromEnv();

startFunction({
  name: 'gateway',
  http: async (req, call) => gateway.fetch(req, { call }),
});
