/**
 * The local API Gateway front and dev JWT issuer. See ARCHITECTURE.md "API Gateway front".
 *
 * @example
 * const issuer = await openDevIssuer({ stateDir });
 * const gw = await startApiGateway({
 *   port: 0, functions: { gateway: fnId }, jwks: issuer.jwks,
 *   jwt: { issuer: issuer.issuer, audience: issuer.audience, jwks: issuer.jwks },
 *   invoker: createInvokeClient({ endpoint: emu.url, auth }),
 * });
 */
export { startApiGateway, MAX_BODY_BYTES, type ApiGateway, type ApiGatewayOptions } from './server.ts';
export { ROUTES, type RouteSpec } from './routes.ts';
export {
  openDevIssuer,
  validateMint,
  DEV_ISSUER,
  DEV_AUDIENCE,
  MintError,
  type DevIssuer,
  type MintOptions,
} from './issuer.ts';
export { ROLES, type Role } from '../product.ts';
export { createAuthenticator, AuthError, type JwtPolicy, type Identity } from './auth.ts';
export { toInvokeHeaders, toClientResponse, canonicalHeader } from './mapping.ts';
export type { CorsPolicy } from './cors.ts';
