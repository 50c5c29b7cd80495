/**
 * Tenancy mode (README "Run the functions against a real tenancy"): the domain functions sign with a
 * user's OCI profile and call the real services; the stack checks the profile reaches OCI first.
 */
import { checkConnectivity, createAuthProvider, EXPORTS_BUCKET, FILES_BUCKET } from '#local/product.ts';

/**
 * Where and as whom the domain functions call OCI in tenancy mode
 * (README "Run the functions against a real tenancy").
 */
export interface TenancyTarget {
  /** OCI config file and profile the domain functions sign with (your user and its policies) */
  configFile: string;
  profile: string;
  /** compartment holding the functions' NoSQL tables (NOSQL_COMPARTMENT_ID) */
  compartmentId: string;
  /** Object Storage namespace @default the profile's, from GetNamespace */
  namespace?: string;
  /** @default 'user-files' */
  filesBucket?: string;
  /** @default 'exports' */
  exportsBucket?: string;
  /** the Terraform `table_prefix`, if any */
  tablePrefix?: string;
  /** one base URL for every OCI service instead of the profile region's endpoints (a proxy, another emulator) */
  endpoint?: string;
}

/**
 * The domain functions' config in tenancy mode, after one signed call proves the profile reaches
 * the tenancy (a bad profile stops the start with the reason, not the first GraphQL call).
 */
export async function tenancyEnv(
  t: TenancyTarget,
  extra: Record<string, string> | undefined,
): Promise<{ env: Record<string, string> }> {
  let provider;
  try {
    provider = createAuthProvider({ method: 'config_file', configFile: t.configFile, profile: t.profile });
  } catch (e: unknown) {
    throw new Error(`tenancy profile ${t.profile}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const check = await checkConnectivity(provider, t.endpoint ? { endpoint: t.endpoint } : {});
  if (!check.ok) throw new Error(`tenancy profile ${t.profile} cannot reach OCI: ${check.message}`);
  if (!t.compartmentId)
    throw new Error('tenancy mode needs the compartment of the NoSQL tables (NOSQL_COMPARTMENT_ID)');
  return {
    env: {
      FILES_BUCKET: t.filesBucket ?? FILES_BUCKET,
      EXPORTS_BUCKET: t.exportsBucket ?? EXPORTS_BUCKET,
      OS_NAMESPACE: t.namespace ?? check.namespace,
      NOSQL_COMPARTMENT_ID: t.compartmentId,
      ...(t.tablePrefix ? { TABLE_PREFIX: t.tablePrefix } : {}),
      ...(t.endpoint ? { OCI_ENDPOINT: t.endpoint } : {}),
      ...extra,
    },
  };
}
