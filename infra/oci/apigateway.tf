# API Gateway: the routes of deployment/manifest.ts that reach a function (generated/stack.json:
# GET/POST /graphql -> gateway), behind a TOKEN_AUTHENTICATION policy that validates the bearer JWT
# against the issuer's JWKS (RS256 signature, iss, aud, exp). The caller's identity reaches the
# function only as X-User-Id / X-User-Roles, set from the token's claims with OVERWRITE, so a
# client-sent value never survives. /health is a stock response, open without a token.
#
# Why TOKEN_AUTHENTICATION and not JWT_AUTHENTICATION: ${request.auth[sub]} has been reported to fail
# to resolve under JWT_AUTHENTICATION (500 before the function runs); see README "Deploy to OCI".

resource "oci_apigateway_gateway" "gw" {
  compartment_id = var.compartment_ocid
  display_name   = "${var.name_prefix}-gateway"
  endpoint_type  = var.api_gateway_endpoint_type
  subnet_id      = var.api_gateway_subnet_id
  freeform_tags  = local.freeform_tags
}

locals {
  # "$${...}" is a literal ${...}: an API Gateway context variable, resolved per request.
  user_id_expr = "$${request.auth[${var.user_id_claim}]}"
  roles_expr   = "$${request.auth[${var.roles_claim}]}"
}

resource "oci_apigateway_deployment" "api" {
  compartment_id = var.compartment_ocid
  gateway_id     = oci_apigateway_gateway.gw.id
  display_name   = "${var.name_prefix}-api"
  path_prefix    = var.api_path_prefix

  specification {
    request_policies {
      authentication {
        type                        = "TOKEN_AUTHENTICATION"
        token_header                = "Authorization"
        token_auth_scheme           = "Bearer"
        max_clock_skew_in_seconds   = 60
        is_anonymous_access_allowed = true # only routes marked ANONYMOUS below (/health)

        validation_policy {
          type                        = "REMOTE_JWKS"
          uri                         = var.jwt_jwks_uri
          max_cache_duration_in_hours = 1
          is_ssl_verify_disabled      = false

          additional_validation_policy {
            issuers   = [var.jwt_issuer]
            audiences = [var.jwt_audience]
            verify_claims {
              key         = var.user_id_claim
              is_required = true
            }
          }
        }
      }

      dynamic "cors" {
        for_each = length(var.cors_allowed_origins) > 0 ? [1] : []
        content {
          allowed_origins = var.cors_allowed_origins
          allowed_methods = ["GET", "POST", "OPTIONS"]
          allowed_headers = ["Authorization", "Content-Type", "Accept", "opc-request-id"]
          exposed_headers = ["opc-request-id"]
        }
      }
    }

    dynamic "routes" {
      for_each = local.stack.routes
      content {
        path    = routes.value.path
        methods = routes.value.methods

        backend {
          type        = "ORACLE_FUNCTIONS_BACKEND"
          function_id = local.function_ids[routes.value.function]
        }

        request_policies {
          authorization {
            type = "AUTHENTICATION_ONLY"
          }
          header_transformations {
            # Identity comes only from the validated token: OVERWRITE replaces any client value.
            set_headers {
              items {
                name      = "X-User-Id"
                values    = [local.user_id_expr]
                if_exists = "OVERWRITE"
              }
              items {
                name      = "X-User-Roles"
                values    = [local.roles_expr]
                if_exists = "OVERWRITE"
              }
            }
            # Other identity-looking headers a client might send are dropped (no wildcards in OCI).
            filter_headers {
              type = "BLOCK"
              dynamic "items" {
                for_each = var.blocked_client_headers
                content {
                  name = items.value
                }
              }
            }
          }
        }
      }
    }

    routes {
      path    = "/health"
      methods = ["GET"]
      backend {
        type   = "STOCK_RESPONSE_BACKEND"
        status = 200
        body   = "{\"status\":\"ok\"}"
        headers {
          name  = "Content-Type"
          value = "application/json"
        }
      }
      request_policies {
        authorization {
          type = "ANONYMOUS"
        }
      }
    }
  }

  freeform_tags = local.freeform_tags
}
