/**
 * The gateway → domain function invoke protocol (ARCHITECTURE.md "GraphQL gateway"): a JSON body
 * carrying one GraphQL operation and the caller it runs for.
 */
import { BadUserInputError } from '../errors.ts';
import { isRole, type Caller, type Role } from './roles.ts';

/** Body of a gateway → domain function invoke. */
export interface InvokeRequestBody {
  graphql: { query: string; variables?: Record<string, unknown>; operationName?: string };
  caller: Caller;
  /** The client request id (`opc-request-id` at the gateway), for log correlation. */
  requestId?: string;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const bad = (what: string) => new BadUserInputError(`invalid invoke body: ${what}`);

/**
 * Validates an invoke body (an object, or a JSON string of one) and returns it typed.
 * Throws {@link BadUserInputError} naming the first problem: not JSON, missing/empty
 * `graphql.query`, non-object `variables`, missing caller, unknown roles.
 */
export function parseInvokeBody(raw: unknown): InvokeRequestBody {
  let body = raw;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body) as unknown;
    } catch {
      throw bad('not JSON');
    }
  }
  if (!isPlainObject(body)) throw bad('expected a JSON object with "graphql" and "caller"');
  const gql = body.graphql;
  if (!isPlainObject(gql)) throw bad('"graphql" must be an object with a "query" string');
  if (typeof gql.query !== 'string' || gql.query.trim() === '') throw bad('"graphql.query" must be a non-empty string');
  if (gql.variables !== undefined && gql.variables !== null && !isPlainObject(gql.variables))
    throw bad('"graphql.variables" must be an object');
  if (gql.operationName !== undefined && gql.operationName !== null && typeof gql.operationName !== 'string') {
    throw bad('"graphql.operationName" must be a string');
  }
  const caller = body.caller;
  if (caller === undefined || caller === null) throw bad('"caller" is missing');
  if (!isPlainObject(caller)) throw bad('"caller" must be an object with "userId" and "roles"');
  if (typeof caller.userId !== 'string' || caller.userId.trim() === '')
    throw bad('"caller.userId" must be a non-empty string');
  if (!Array.isArray(caller.roles)) throw bad('"caller.roles" must be an array of roles');
  const roles: Role[] = [];
  for (const [i, r] of caller.roles.entries()) {
    if (!isRole(r))
      throw bad(`"caller.roles[${i}]" ${JSON.stringify(r)} is not a known role (viewer, operator, admin)`);
    roles.push(r);
  }
  if (body.requestId !== undefined && body.requestId !== null && typeof body.requestId !== 'string')
    throw bad('"requestId" must be a string');
  const out: InvokeRequestBody = { graphql: { query: gql.query }, caller: { userId: caller.userId, roles } };
  if (isPlainObject(gql.variables)) out.graphql.variables = gql.variables;
  if (typeof gql.operationName === 'string') out.graphql.operationName = gql.operationName;
  if (typeof body.requestId === 'string' && body.requestId !== '') out.requestId = body.requestId;
  return out;
}
