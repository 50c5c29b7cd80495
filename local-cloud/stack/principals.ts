/**
 * The principals the local stack's own parts call the emulator as, so the deployment's policies
 * decide for them as on OCI:
 *   - the API Gateway front invokes the gateway as an `ApiGateway` resource principal (the OCID of
 *     the local gateway, in the deployment's compartment);
 *   - the Events router delivers rule actions as the Events service (`service cloudEvents`);
 *   - the reconcile schedule invokes exports as a `resourceschedule` resource principal.
 * Each signs with a session key held in memory and a token the emulator's tenancy issues,
 * re-issued when a quarter of its lifetime is left. OCIDs are kept in `<stateDir>/stack/principals.json`.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as common from 'oci-common';
import { decodeJwt } from 'jose';
import { isOcid, newOcid } from '#local/emulator/core/ids.ts';
import { writeFileAtomic } from '#local/emulator/core/store.ts';
import type { Tenancy } from '#local/emulator/core/tenancy.ts';

export interface PrincipalIds {
  apiGatewayId: string;
  scheduleId: string;
}

export function loadPrincipalIds(stateDir: string): PrincipalIds {
  const dir = join(stateDir, 'stack');
  const file = join(dir, 'principals.json');
  let saved: Partial<PrincipalIds> = {};
  try {
    saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<PrincipalIds>;
  } catch (e: unknown) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new Error(`${file} is not readable JSON; delete it to get new principal OCIDs`, { cause: e });
  }
  const ids: PrincipalIds = {
    apiGatewayId: isOcid(saved.apiGatewayId, 'apigateway') ? saved.apiGatewayId : newOcid('apigateway'),
    scheduleId: isOcid(saved.scheduleId, 'resourceschedule') ? saved.scheduleId : newOcid('resourceschedule'),
  };
  if (JSON.stringify(ids) !== JSON.stringify(saved)) {
    mkdirSync(dir, { recursive: true });
    writeFileAtomic(file, JSON.stringify(ids, null, 2));
  }
  return ids;
}

export type PrincipalSpec =
  | { kind: 'resource'; resourceType: string; resourceId: string; compartmentId: string }
  | { kind: 'service'; serviceName: string };

/** An oci-common auth provider signing as `spec` with tokens from the local tenancy. */
export function localPrincipalAuth(
  tenancy: Tenancy,
  spec: PrincipalSpec,
  ttlSeconds = 3600,
): common.AuthenticationDetailsProvider {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  let token: string | undefined;
  let renewAt = 0;
  let pending: Promise<string> | undefined;
  const issue = async (): Promise<string> => {
    const t =
      spec.kind === 'service'
        ? await tenancy.issueServicePrincipalToken({
            serviceName: spec.serviceName,
            sessionPublicKeyPem: publicPem,
            ttlSeconds,
          })
        : await tenancy.issueResourcePrincipalToken({
            resourceId: spec.resourceId,
            resourceType: spec.resourceType,
            compartmentId: spec.compartmentId,
            sessionPublicKeyPem: publicPem,
            ttlSeconds,
          });
    const exp = (decodeJwt(t).exp ?? 0) * 1000;
    renewAt = exp - (ttlSeconds * 1000) / 4;
    token = t;
    return t;
  };
  return {
    async getKeyId() {
      if (!token || Date.now() >= renewAt) {
        pending ??= issue().finally(() => {
          pending = undefined;
        });
        await pending;
      }
      return `ST$${token!}`;
    },
    getPrivateKey: () => privatePem,
    getPassphrase: () => null,
  };
}
