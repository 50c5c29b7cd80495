/**
 * Verifies OCI HTTP request signatures (draft-cavage "Signature" scheme, rsa-sha256) the way the
 * real services do for requests made by oci-common's signer (reference §2.2):
 * - GET/HEAD/DELETE sign `date|x-date (request-target) host`;
 * - POST/PUT/PATCH also sign `content-length content-type x-content-sha256`, and the body must
 *   hash to `x-content-sha256`; except PutObject and UploadPart (and any route marked
 *   `unsignedBody`), which sign only the first three.
 * Clock skew over 5 minutes, unknown keys, expired session tokens and mismatches are rejected.
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { OciErrors } from './errors.ts';

export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface Principal {
  /** `service`: an OCI service's own principal (the Events service), see Tenancy.issueServicePrincipalToken */
  kind: 'user' | 'resource' | 'service';
  /** user OCID, resource (e.g. fnfunc) OCID, or the service name (`cloudEvents`) */
  id: string;
  /** resource principals: the token's resource type (`fnfunc`, `ApiGateway`, `resourceschedule`) */
  resourceType?: string;
  tenancyId: string;
  /** resource principals: the compartment of the resource */
  compartmentId?: string;
}

/** Resolves a signature's keyId to a public key and the principal it authenticates. */
export interface KeyResolver {
  resolve(keyId: string): Promise<{ publicKey: KeyObject; principal: Principal }>;
}

export interface SignedRequest {
  method: string;
  /** path + query exactly as received */
  rawUrl: string;
  headers: IncomingHttpHeaders;
  /** undefined when the route streams its body (it is then not part of the signature) */
  body?: Buffer;
  bodyExcluded: boolean;
  now?: number;
}

export function parseAuthorization(value: string): Record<string, string> {
  if (!/^Signature\s+/i.test(value))
    throw OciErrors.notAuthenticated('The Authorization header is not an OCI Signature');
  const params: Record<string, string> = {};
  const re = /([a-zA-Z]+)="([^"]*)"/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(value)) !== null) params[m[1]!] = m[2]!;
  for (const p of ['keyId', 'signature', 'headers']) {
    if (!params[p]) throw OciErrors.notAuthenticated(`The Authorization header lacks ${p}`);
  }
  if ((params.algorithm ?? 'rsa-sha256').toLowerCase() !== 'rsa-sha256') {
    throw OciErrors.notAuthenticated(`Unsupported signature algorithm ${params.algorithm}`);
  }
  return params;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

export async function verifyRequestSignature(req: SignedRequest, keys: KeyResolver): Promise<Principal> {
  const auth = header(req.headers, 'authorization');
  if (!auth) throw OciErrors.notAuthenticated('The required information to complete authentication was not provided');
  const params = parseAuthorization(auth);
  const signed = params.headers!.toLowerCase().split(/\s+/).filter(Boolean);
  const method = req.method.toUpperCase();

  const required = ['(request-target)', 'host'];
  if (!signed.includes('date') && !signed.includes('x-date')) required.push('date');
  const hasBody = ['POST', 'PUT', 'PATCH'].includes(method);
  if (hasBody && !req.bodyExcluded) required.push('content-length', 'content-type', 'x-content-sha256');
  for (const h of required) {
    if (!signed.includes(h)) throw OciErrors.notAuthenticated(`The signature must cover the ${h} header`);
  }

  // the date checked for skew must be the signed one: an unsigned x-date would refresh a replayed request
  const dateValue = header(req.headers, signed.includes('x-date') ? 'x-date' : 'date');
  const when = dateValue ? Date.parse(dateValue) : NaN;
  if (Number.isNaN(when)) throw OciErrors.notAuthenticated('The request has no valid date or x-date header');
  if (Math.abs((req.now ?? Date.now()) - when) > MAX_CLOCK_SKEW_MS) {
    throw OciErrors.notAuthenticated('The request date is more than 5 minutes from the server clock');
  }

  const lines: string[] = [];
  for (const h of signed) {
    if (h === '(request-target)') {
      lines.push(`(request-target): ${method.toLowerCase()} ${req.rawUrl}`);
      continue;
    }
    const v = header(req.headers, h);
    if (v === undefined) throw OciErrors.notAuthenticated(`Signed header ${h} is missing from the request`);
    lines.push(`${h}: ${v}`);
  }

  if (signed.includes('x-content-sha256') && req.body !== undefined) {
    const digest = createHash('sha256').update(req.body).digest('base64');
    if (digest !== header(req.headers, 'x-content-sha256')) {
      throw OciErrors.notAuthenticated('The body does not match x-content-sha256');
    }
  }
  if (signed.includes('content-length') && req.body !== undefined) {
    if (Number(header(req.headers, 'content-length')) !== req.body.length) {
      throw OciErrors.notAuthenticated('The body does not match content-length');
    }
  }

  const { publicKey, principal } = await keys.resolve(params.keyId!);
  const ok = verify('sha256', Buffer.from(lines.join('\n')), publicKey, Buffer.from(params.signature!, 'base64'));
  if (!ok) throw OciErrors.notAuthenticated('The request signature is not valid');
  return principal;
}

/** OCI API key fingerprint: MD5 of the DER public key, colon-separated hex. */
export function fingerprintOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('md5').update(der).digest('hex').match(/../g)!.join(':');
}
