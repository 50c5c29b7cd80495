# Inputs. Copy terraform.tfvars.example to terraform.tfvars and fill it in.

variable "tenancy_ocid" {
  description = "OCID of the tenancy (policies and the dynamic group are created at its root)."
  type        = string
}

variable "compartment_ocid" {
  description = "Compartment for everything this stack creates: functions, buckets, tables, rules, gateway."
  type        = string
}

variable "region" {
  description = "Region identifier, e.g. us-ashburn-1."
  type        = string
}

variable "home_region" {
  description = "The tenancy's home region (IAM writes go there). Defaults to var.region."
  type        = string
  default     = null
}

variable "config_file_profile" {
  description = "Profile of ~/.oci/config the provider authenticates with."
  type        = string
  default     = "DEFAULT"
}

variable "name_prefix" {
  description = "Prefix of display names (application, gateway, rules, dynamic group, policies)."
  type        = string
  default     = "ogf"
  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9-]{0,29}$", var.name_prefix))
    error_message = "name_prefix: a letter, then up to 29 letters, digits or dashes."
  }
}

variable "image_url" {
  description = "The one image every function runs (built from ./Dockerfile), e.g. iad.ocir.io/<namespace>/oci-graphql-functions:0.1.0."
  type        = string
}

variable "functions_subnet_ids" {
  description = "Subnet(s) of the Functions application. Private is fine, but it needs a service gateway (or NAT) to reach OCI APIs."
  type        = list(string)
}

variable "functions_shape" {
  description = "Functions application shape: GENERIC_X86, GENERIC_ARM or GENERIC_X86_ARM (must match the image's architecture)."
  type        = string
  default     = "GENERIC_X86"
}

variable "api_gateway_subnet_id" {
  description = "Subnet of the API Gateway (public, HTTPS 443 ingress, for a PUBLIC endpoint)."
  type        = string
}

variable "api_gateway_endpoint_type" {
  description = "PUBLIC or PRIVATE."
  type        = string
  default     = "PUBLIC"
}

variable "api_path_prefix" {
  description = "Path prefix of the API deployment: the API is at https://<gateway host><prefix>/graphql."
  type        = string
  default     = "/api"
}

variable "files_bucket" {
  description = "Name of the private user-files bucket (FILES_BUCKET); bucket names are unique per namespace."
  type        = string
  default     = "user-files"
}

variable "exports_bucket" {
  description = "Name of the instance-exports bucket (EXPORTS_BUCKET)."
  type        = string
  default     = "exports"
}

variable "extra_export_buckets" {
  description = "Further existing buckets in var.compartment_ocid that exports may write to (EXPORT_BUCKETS); each gets the exports grants. Not created here."
  type        = list(string)
  default     = []
}

variable "table_prefix" {
  description = "Prefix of every NoSQL table name (TABLE_PREFIX), to run several stacks in one compartment."
  type        = string
  default     = ""
  validation {
    condition     = can(regex("^[A-Za-z0-9_]*$", var.table_prefix))
    error_message = "table_prefix: letters, digits and underscores only."
  }
}

variable "jwt_issuer" {
  description = "Expected `iss` of access tokens (your identity provider)."
  type        = string
}

variable "jwt_audience" {
  description = "Expected `aud` of access tokens."
  type        = string
}

variable "jwt_jwks_uri" {
  description = "HTTPS URL of the issuer's JWKS (public keys, fetched by API Gateway without authentication)."
  type        = string
}

variable "user_id_claim" {
  description = "Claim that becomes X-User-Id. `sub` by default; see README \"Deploy to OCI\" for the request.auth[sub] risk."
  type        = string
  default     = "sub"
}

variable "roles_claim" {
  description = "Claim holding the caller's roles (viewer, operator, admin); becomes X-User-Roles."
  type        = string
  default     = "roles"
}

variable "inventory_scope" {
  description = "Where the resources function may read (and act on) instances, networks, databases, ...: \"tenancy\" or \"compartment id <ocid>\"."
  type        = string
  default     = "tenancy"
  validation {
    condition     = var.inventory_scope == "tenancy" || can(regex("^compartment id ocid1\\.(compartment|tenancy)\\.", var.inventory_scope))
    error_message = "inventory_scope: \"tenancy\" or \"compartment id ocid1.compartment...\"."
  }
}

variable "allow_instance_management" {
  description = "Grant the resources function instance actions, launch/terminate and network create/delete (its mutations). false = read-only dashboard; exports keeps its own grants (INSTANCE_CREATE_IMAGE on instances, images in this compartment)."
  type        = bool
  default     = true
}

variable "reconcile_schedule" {
  description = "Create a Resource Scheduler schedule that invokes exports with {\"task\":\"reconcileExports\"}."
  type        = bool
  default     = true
}

variable "reconcile_cron" {
  description = "UNIX cron (UTC) of the exports reconcile."
  type        = string
  default     = "*/5 * * * *"
}

variable "extra_function_config" {
  description = "Extra config for every function (e.g. LOG_LEVEL). Keys must not clash with the ones this stack sets."
  type        = map(string)
  default     = {}
}

variable "freeform_tags" {
  description = "Tags added to every resource that takes them."
  type        = map(string)
  default     = {}
}

variable "cors_allowed_origins" {
  description = "Origins allowed to call the API from a browser (empty: no CORS policy)."
  type        = list(string)
  default     = []
}

variable "blocked_client_headers" {
  description = "Client headers API Gateway drops before the function (X-User-Id / X-User-Roles are always overwritten from the token)."
  type        = list(string)
  default     = ["X-User", "X-User-Name", "X-User-Email", "X-User-Groups", "X-User-Tenant"]
  validation {
    condition     = length(var.blocked_client_headers) > 0 && alltrue([for h in var.blocked_client_headers : !contains(["x-user-id", "x-user-roles"], lower(h))])
    error_message = "blocked_client_headers: at least one header, and not X-User-Id / X-User-Roles (those are set from the token)."
  }
}

variable "network_compartment_ocid" {
  description = "Compartment of the subnets, if not var.compartment_ocid (the Functions service needs to use it)."
  type        = string
  default     = null
}

# ---- the web app (web.tf) ----

variable "web_path_prefix" {
  description = "Path prefix of the web app's deployment on the same gateway: the app is at https://<gateway host><prefix>/."
  type        = string
  default     = "/app"
}

variable "web_oidc_client_id" {
  description = "OIDC client id of the web app at var.jwt_issuer: a public client (no secret) with the authorization code flow and PKCE, redirect URI = output web_url."
  type        = string
}

variable "web_oidc_scope" {
  description = "Scopes the web app asks for; the access token must carry var.jwt_audience and var.roles_claim."
  type        = string
  default     = "openid profile"
}

variable "web_par_expires" {
  description = "RFC 3339 expiry of the read PAR the gateway serves the app's files through, e.g. 2027-12-31T00:00:00Z; renew before it."
  type        = string
}
