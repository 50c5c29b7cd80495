/**
 * infra/oci/web.tf, held to the code: the web deployment serves the routes the local front serves
 * for the app (/, /assets/*, /config.json), from a private bucket through a read PAR, and tells the
 * app to sign in with OIDC against the issuer the API validates.
 */
import { readFileSync } from 'node:fs';
import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '#local/apigw/routes.ts';

const text = readFileSync('infra/oci/web.tf', 'utf8');

describe('infra/oci/web.tf', () => {
  it('is valid HCL2 with a private bucket, a listing-denied read PAR and the app routes', async () => {
    const hcl = (await parse('web.tf', text)) as {
      resource: Record<
        string,
        Record<string, { specification?: { routes: { path: string; backend: { type: string }[] }[] }[] }[]>
      >;
    };
    expect(hcl.resource.oci_objectstorage_bucket!.web).toBeDefined();
    expect(text).toMatch(/access_type\s+=\s+"NoPublicAccess"/);
    expect(text).toMatch(/access_type\s+=\s+"AnyObjectRead"/);
    expect(text).toMatch(/bucket_listing_action\s+=\s+"Deny"/);
    const routes = hcl.resource.oci_apigateway_deployment!.web![0]!.specification![0]!.routes;
    const local = ROUTES.filter((r) => r.builtin === 'web' || r.builtin === 'web-config').map((r) =>
      r.path.replace('/*', '/{file}'),
    );
    expect(routes.map((r) => r.path).sort()).toEqual(local.sort());
    expect(Object.fromEntries(routes.map((r) => [r.path, r.backend[0]!.type]))).toEqual({
      '/': 'HTTP_BACKEND',
      '/assets/{file}': 'HTTP_BACKEND',
      '/config.json': 'STOCK_RESPONSE_BACKEND',
    });
  });

  it('configures the app for OIDC against the API issuer, the roles claim and the API path', () => {
    expect(text).toMatch(/auth\s+=\s+"oidc"/);
    expect(text).toMatch(/issuer\s+=\s+var\.jwt_issuer/);
    expect(text).toMatch(/rolesClaim\s+=\s+var\.roles_claim/);
    expect(text).toMatch(/graphqlUrl\s+=\s+"\$\{var\.api_path_prefix\}\/graphql"/);
    expect(text).not.toMatch(/dev\/token/);
  });
});
