# The web app (web/, built into dist/web by `npm run build`) on OCI: its files in a private bucket,
# served by a second deployment of the same API Gateway under var.web_path_prefix (default /app),
# so the app and the API share one origin (no CORS): https://<gateway host>/app/ talks to
# https://<gateway host>/api/graphql. No function runs for a page load.
#
# - Files: every file of dist/web is uploaded gzipped (the build's .gz) with Content-Encoding gzip.
# - Read path: a bucket PAR (AnyObjectRead, listing denied) is the HTTP backend's base URL; the PAR
#   token stays in the gateway's configuration, the bucket stays private. The PAR expires at
#   var.web_par_expires: renew it (terraform apply with a later date) before then.
# - /config.json: a stock response telling the app to sign in with OIDC (authorization code + PKCE,
#   public client) against var.jwt_issuer; the API deployment validates the token and maps
#   var.roles_claim to X-User-Roles as for any client.

locals {
  web_dist  = "${path.module}/../../dist/web"
  web_files = [for f in fileset(local.web_dist, "**") : f if !endswith(f, ".gz") && !endswith(f, ".br")]
  web_types = {
    html = "text/html; charset=utf-8"
    js   = "text/javascript; charset=utf-8"
    css  = "text/css; charset=utf-8"
    json = "application/json"
    svg  = "image/svg+xml"
    png  = "image/png"
  }
  web_par_base = "https://objectstorage.${var.region}.oraclecloud.com${oci_objectstorage_preauthrequest.web.access_uri}"
  web_config = jsonencode({
    auth       = "oidc"
    graphqlUrl = "${var.api_path_prefix}/graphql"
    issuer     = var.jwt_issuer
    clientId   = var.web_oidc_client_id
    scope      = var.web_oidc_scope
    sendToken  = "access_token"
    rolesClaim = var.roles_claim
  })
}

resource "oci_objectstorage_bucket" "web" {
  compartment_id = var.compartment_ocid
  namespace      = data.oci_objectstorage_namespace.ns.namespace
  name           = "${var.name_prefix}-web"
  access_type    = "NoPublicAccess"
  storage_tier   = "Standard"
  freeform_tags  = local.freeform_tags
}

resource "oci_objectstorage_object" "web" {
  for_each = toset(local.web_files)

  namespace        = data.oci_objectstorage_namespace.ns.namespace
  bucket           = oci_objectstorage_bucket.web.name
  object           = each.value
  source           = "${local.web_dist}/${each.value}.gz"
  content_encoding = "gzip"
  content_type     = lookup(local.web_types, reverse(split(".", each.value))[0], "application/octet-stream")
  cache_control    = endswith(each.value, ".html") ? "no-cache" : "public, max-age=31536000, immutable"
}

resource "oci_objectstorage_preauthrequest" "web" {
  namespace             = data.oci_objectstorage_namespace.ns.namespace
  bucket                = oci_objectstorage_bucket.web.name
  name                  = "${var.name_prefix}-web-read"
  access_type           = "AnyObjectRead"
  bucket_listing_action = "Deny"
  time_expires          = var.web_par_expires
}

resource "oci_apigateway_deployment" "web" {
  compartment_id = var.compartment_ocid
  gateway_id     = oci_apigateway_gateway.gw.id
  display_name   = "${var.name_prefix}-web"
  path_prefix    = var.web_path_prefix

  specification {
    routes {
      path    = "/"
      methods = ["GET", "HEAD"]
      backend {
        type = "HTTP_BACKEND"
        url  = "${local.web_par_base}index.html"
      }
    }

    routes {
      path    = "/assets/{file}"
      methods = ["GET", "HEAD"]
      backend {
        type = "HTTP_BACKEND"
        # "$${...}" is a literal ${...}: the API Gateway path parameter, resolved per request
        url = "${local.web_par_base}assets/$${request.path[file]}"
      }
    }

    routes {
      path    = "/config.json"
      methods = ["GET"]
      backend {
        type   = "STOCK_RESPONSE_BACKEND"
        status = 200
        body   = local.web_config
        headers {
          name  = "Content-Type"
          value = "application/json"
        }
        headers {
          name  = "Cache-Control"
          value = "no-cache"
        }
      }
    }
  }

  freeform_tags = local.freeform_tags
}
