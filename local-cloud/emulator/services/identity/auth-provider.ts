/**
 * Identity's part that issues resource principal session tokens (RPSTs).
 *
 * Local flavour (limitation against OCI): on OCI the Functions service mints the RPST and mounts
 * it into the container; there is no public API for it. Here the Fn runner, signed as a tenancy
 * user (the admin), asks `POST /v1/resourcePrincipalSessionToken` with
 * `{ resourceId, resourceType, compartmentId, sessionPublicKey }` (PEM) and gets `{ token }`:
 * a JWT signed by the emulator whose `jwk` claim holds the session key. The emulator later
 * accepts requests signed with keyId `ST$<token>` by that session key until the token expires.
 */
import { createPublicKey } from 'node:crypto';
import { OciErrors } from '../../core/errors.ts';
import { isOcid } from '../../core/ids.ts';
import type { Provider, ProviderContext } from '../../core/types.ts';

export function identityAuthProvider(ctx: ProviderContext): Provider {
  return {
    name: 'auth',
    prefixes: ['/v1'],
    routes: [
      {
        method: 'POST',
        path: '/v1/resourcePrincipalSessionToken',
        operation: 'IssueResourcePrincipalSessionToken',
        // emulator-only: any tenancy user may ask (the handler refuses other principals)
        iam: { permissions: [], target: 'tenancy' },
        handler: async (req) => {
          if (req.principal && req.principal.kind !== 'user')
            throw OciErrors.notAuthorizedOrNotFound('Only tenancy users may mint resource principal tokens');
          const b = req.json<Record<string, unknown>>();
          for (const k of ['resourceId', 'resourceType', 'compartmentId', 'sessionPublicKey']) {
            if (typeof b[k] !== 'string' || !(b[k] as string)) throw OciErrors.missingParameter(`${k} is required`);
          }
          if (!isOcid(b.resourceId)) throw OciErrors.invalidParameter('resourceId must be an OCID');
          if (!isOcid(b.compartmentId)) throw OciErrors.invalidParameter('compartmentId must be an OCID');
          try {
            createPublicKey(b.sessionPublicKey as string);
          } catch {
            throw OciErrors.invalidParameter('sessionPublicKey must be a PEM public key');
          }
          const ttl = b.ttlSeconds === undefined ? undefined : Number(b.ttlSeconds);
          if (ttl !== undefined && (!Number.isInteger(ttl) || ttl < 1 || ttl > 86400))
            throw OciErrors.invalidParameter('ttlSeconds must be 1..86400');
          const token = await ctx.tenancy.issueResourcePrincipalToken({
            resourceId: b.resourceId as string,
            resourceType: b.resourceType as string,
            compartmentId: b.compartmentId as string,
            sessionPublicKeyPem: b.sessionPublicKey as string,
            ...(ttl ? { ttlSeconds: ttl } : {}),
          });
          return { body: { token } };
        },
      },
    ],
  };
}
