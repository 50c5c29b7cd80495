/**
 * A connectivity check for a credentials profile: Object Storage GetNamespace is the cheapest
 * signed call every identity may make. A separate entry (not re-exported from shared/auth/index.ts)
 * so functions that never call it do not load oci-objectstorage.
 */
import type { AuthenticationDetailsProvider } from 'oci-common';
import { ObjectStorageClient } from 'oci-objectstorage';
import { redactString } from '../log.ts';
import { createOciClient } from '../oci/client.ts';
import { isOciError } from '../oci/errors.ts';

export type ConnectivityResult = { ok: true; namespace: string } | { ok: false; message: string };

export interface ConnectivityOptions {
  /** Base URL to call instead of the region's endpoint / OCI_ENDPOINT(_OBJECTSTORAGE). */
  endpoint?: string;
  /** @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Call GetNamespace once (no retries) and report the outcome; never throws, never prints secrets. */
export async function checkConnectivity(
  provider: AuthenticationDetailsProvider,
  options: ConnectivityOptions = {},
): Promise<ConnectivityResult> {
  let target = options.endpoint ?? '(region endpoint)';
  try {
    const client = createOciClient(ObjectStorageClient, {
      service: 'OBJECTSTORAGE',
      auth: provider,
      env: options.env ?? process.env,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    });
    target = client.endpoint || target;
    const r = await client.getNamespace({});
    return { ok: true, namespace: r.value };
  } catch (e: unknown) {
    if (isOciError(e) && e.statusCode > 0) {
      return {
        ok: false,
        message: redactString(
          `Object Storage GetNamespace at ${target} failed: ${e.statusCode} ${e.serviceCode ?? ''}: ${e.message}`,
        ),
      };
    }
    const m =
      typeof e === 'object' && e !== null && 'message' in e ? String((e as { message: unknown }).message) : String(e);
    return { ok: false, message: redactString(`cannot reach ${target}: ${m}`) };
  }
}
