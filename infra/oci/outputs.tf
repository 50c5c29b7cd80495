output "graphql_url" {
  description = "The API: POST/GET with Authorization: Bearer <JWT from var.jwt_issuer>."
  value       = "https://${oci_apigateway_gateway.gw.hostname}${var.api_path_prefix}/graphql"
}

output "health_url" {
  value = "https://${oci_apigateway_gateway.gw.hostname}${var.api_path_prefix}/health"
}

output "function_ids" {
  description = "Function OCIDs by name (fn invoke / oci fn function invoke)."
  value       = local.function_ids
}

output "application_id" {
  value = oci_functions_application.app.id
}

output "invoke_endpoint" {
  value = oci_functions_function.gateway.invoke_endpoint
}

output "namespace" {
  value = data.oci_objectstorage_namespace.ns.namespace
}

output "buckets" {
  value = { for k, b in oci_objectstorage_bucket.bucket : k => b.name }
}

output "nosql_tables" {
  value = keys(oci_nosql_table.table)
}

output "dynamic_groups" {
  description = "Dynamic group name per function (each matches that function's OCID only)."
  value       = { for fn, g in oci_identity_dynamic_group.fn : fn => g.name }
}

output "web_url" {
  description = "The web app; register it as the OIDC client's redirect URI."
  value       = "https://${oci_apigateway_gateway.gw.hostname}${var.web_path_prefix}/"
}
