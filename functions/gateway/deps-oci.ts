/**
 * The gateway function's wiring: the stitched gateway over remote executors, one per domain function,
 * each invoking its function (`FN_ID_<FN>`) through the OCI Functions invoke API.
 */
import type { Env } from '#shared/config.ts';
import { DOMAIN_FUNCTIONS } from '../../schema/index.ts';
import { remoteExecutorsFromEnv } from './executor.ts';
import { createGateway, type Gateway } from './gateway.ts';
import { createOciInvoker } from './invoker-oci.ts';

/** What the gateway handler needs, built once per container. */
export function fromEnv(o: { env?: Env } = {}): { gateway: Gateway } {
  const env = o.env ?? process.env;
  // trustedSdl: the build validated schema/*.graphql, so the cold start skips validating it again.
  const gateway = createGateway({
    executors: remoteExecutorsFromEnv({ functions: DOMAIN_FUNCTIONS, invoker: createOciInvoker({ env }), env }),
    trustedSdl: true,
  });
  return { gateway };
}
