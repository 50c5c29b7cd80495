/**
 * The local cloud's one door into the product. It provisions and runs what the deployment manifest
 * lists, and reuses a few runtime modules of the product: the structured logger, typed env access, the
 * auth provider and connectivity check (tenancy mode runs the functions against a real tenancy) and the
 * GraphiQL page. Every import of product code goes through this file; nothing in the product imports
 * the local cloud.
 */
export * from '../deployment/manifest.ts';
export { checkConnectivity } from '../shared/auth/connectivity.ts';
export { expandHome } from '../shared/auth/files.ts';
export { createAuthProvider } from '../shared/auth/index.ts';
export { envInt, envOptional, envString } from '../shared/config.ts';
export { GRAPHIQL } from '../shared/graphql/graphiql.ts';
export { ROLES, type Role } from '../shared/graphql/roles.ts';
export { createLogger, type Logger } from '../shared/log.ts';
export { renderIam } from '../deployment/iam-render.ts';
export { quietOciRetrier } from '../shared/console.ts';
export { containerEnv, IMAGE_ALLOCATOR } from '../deployment/node-args.ts';
export { createRequestSigner } from '../shared/oci/signer.ts';
