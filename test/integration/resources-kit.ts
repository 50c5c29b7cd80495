/**
 * Shared setup of the resources tests: an emulator with short transitions, the function's OCI
 * wiring pointed at it (process env, as the Fn runner would set it), and a `gql` helper that
 * runs the subschema exactly as the invoke handler does.
 */
import { IdentityClient } from 'oci-identity';
import { executeSubschemaRequest, type Role } from '#shared/graphql/index.ts';
import type { FnCall } from '#shared/fn/index.ts';
import { createLogger } from '#shared/log.ts';
import { resetOciClients } from '#shared/oci/index.ts';
import { ensureTables } from '#shared/persistence/nosql-tables-oci.ts';
import { fromEnv as resourcesFromEnv } from '../../functions/resources/deps-oci.ts';
import type { ResourcesRuntime } from '../../functions/resources/runtime.ts';
import { resourcesSchema } from '../../functions/resources/schema.ts';
import { CACHE_TABLE } from '../../functions/resources/tables.ts';
import { clientOf, startEmulatorFixture, uid, type ClientClass, type EmulatorFixture } from '../helpers/emulator.ts';

export interface ResourcesKit {
  fx: EmulatorFixture;
  tenancyId: string;
  runtime: ResourcesRuntime;
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    o?: { roles?: Role[]; remainingMs?: number },
  ): Promise<{ data?: T; errors?: { message: string; extensions: { code: string } }[] }>;
  client<T extends { endpoint: string }>(Client: ClientClass<T>): T;
  /** OCI calls answered since `seq`, NoSQL (the cache itself) excluded */
  callsSince(seq: number): { service: string; operation: string; status: number }[];
  seq(): number;
  /** a new compartment under `parentId` (default the tenancy) */
  compartment(name?: string, parentId?: string): Promise<string>;
  stop(): Promise<void>;
}

const silent = createLogger({ level: 'error' });

export async function startResourcesKit(env: Record<string, string> = {}): Promise<ResourcesKit> {
  process.env.EMULATOR_TRANSITION_MS ??= '150';
  const fx = await startEmulatorFixture();
  const tenancyId = fx.emu.admin.tenancyId;
  const saved = { ...process.env };
  Object.assign(process.env, {
    OCI_ENDPOINT: fx.emu.url,
    OCI_CONFIG_FILE: fx.emu.admin.configFile,
    OCI_CLI_PROFILE: 'DEFAULT',
    NOSQL_COMPARTMENT_ID: tenancyId,
    OCI_RETRY_BASE_MS: '5',
    OCI_RETRY_CAP_MS: '50',
    OCI_RETRY_MAX_ATTEMPTS: '5',
    RESOURCES_POLL_MS: '25',
    ...env,
  });
  delete process.env.OCI_RESOURCE_PRINCIPAL_VERSION;
  resetOciClients();
  await ensureTables([CACHE_TABLE], { compartmentId: tenancyId, endpoint: fx.emu.url, auth: fx.auth, pollMs: 20 });
  const runtime = resourcesFromEnv();
  const client: ResourcesKit['client'] = (Client) => clientOf(fx, Client);
  const identity = client(IdentityClient);
  return {
    fx,
    tenancyId,
    runtime,
    client,
    async gql(query, variables, o = {}) {
      const remaining = o.remainingMs ?? 20_000;
      const deadline = new Date(Date.now() + remaining);
      const call: FnCall = {
        callId: uid('call'),
        deadline,
        remainingMs: () => deadline.getTime() - Date.now(),
        env: process.env,
        log: silent,
      };
      const body = {
        graphql: { query, ...(variables ? { variables } : {}) },
        caller: { userId: 'u1', roles: o.roles ?? ['operator'] },
      };
      return executeSubschemaRequest({
        schema: resourcesSchema,
        body,
        call,
        createContext: (base) => runtime.createContext(base),
      }) as never;
    },
    seq: () => fx.emu.requests.lastSeq,
    callsSince: (seq) =>
      fx.emu.requests
        .query({ sinceSeq: seq })
        .filter((e) => e.service !== 'nosql')
        .map((e) => ({ service: e.service, operation: e.operation, status: e.status })),
    async compartment(name = uid('c'), parentId = tenancyId) {
      const r = await identity.createCompartment({
        createCompartmentDetails: { compartmentId: parentId, name, description: 'test' },
      });
      return r.compartment.id;
    },
    async stop() {
      await fx.stop();
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
      resetOciClients();
    },
  };
}
