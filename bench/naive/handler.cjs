// The naive function of the cold-start bench: what a user writes by hand for the same first answer
// as `{ quota { tier } }` (one NoSQL GetRow on quota_usage with resource principal credentials),
// with the documented oci-sdk calls and no tuning. Bundled by esbuild like the FDK hello
// (bench/cold-start.ts buildBaseline). Not part of the product.
const fdk = require('@fnproject/fdk');
const common = require('oci-common');
const nosql = require('oci-nosql');

let client;
async function nosqlClient() {
  if (client) return client;
  const provider = await common.ResourcePrincipalAuthenticationDetailsProvider.builder();
  client = new nosql.NosqlClient({ authenticationDetailsProvider: provider });
  if (process.env.OCI_ENDPOINT) client.endpoint = process.env.OCI_ENDPOINT;
  return client;
}

fdk.handle(async (input) => {
  const c = await nosqlClient();
  const res = await c.getRow({
    tableNameOrId: 'quota_usage',
    compartmentId: process.env.NOSQL_COMPARTMENT_ID,
    key: [`userId:${input.userId}`],
  });
  return { userId: input.userId, usage: res.row.value || {} };
});
