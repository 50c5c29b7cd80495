# The Functions application and the five functions, all from the one image (var.image_url).
# FUNCTION_NAME picks the bundle (functions/entry.ts); the rest is the config each one reads
# (ARCHITECTURE.md "Function runtime"). Memory/timeout come from the stack's
# FUNCTION_SETTINGS via generated/stack.json, and so does each tier's `env` (NODE_OPTIONS with the V8
# heap flags, MALLOC_ARENA_MAX; deployment/node-args.ts): the image's code caches are trained under
# those flags, so it replaces a NODE_OPTIONS given in extra_function_config. No OCI_ENDPOINT: on OCI
# the clients use the region's endpoints and the resource principal the platform provides.

resource "oci_functions_application" "app" {
  compartment_id = var.compartment_ocid
  display_name   = "${var.name_prefix}-app"
  subnet_ids     = var.functions_subnet_ids
  shape          = var.functions_shape
  freeform_tags  = local.freeform_tags
}

locals {
  fn_settings = local.stack.functions

  # NoSQL: every domain function keeps state in its tables in this compartment.
  nosql_config = merge(
    { NOSQL_COMPARTMENT_ID = var.compartment_ocid },
    var.table_prefix == "" ? {} : { TABLE_PREFIX = var.table_prefix },
  )
  storage_config = {
    OS_NAMESPACE   = data.oci_objectstorage_namespace.ns.namespace
    FILES_BUCKET   = var.files_bucket
    EXPORTS_BUCKET = var.exports_bucket
  }
}

resource "oci_functions_function" "resources" {
  application_id     = oci_functions_application.app.id
  display_name       = "resources"
  image              = var.image_url
  memory_in_mbs      = local.fn_settings["resources"].memory_in_mbs
  timeout_in_seconds = local.fn_settings["resources"].timeout_in_seconds
  config = merge(var.extra_function_config, local.fn_settings["resources"].env, local.nosql_config, {
    FUNCTION_NAME = "resources"
    TENANCY_ID    = var.tenancy_ocid
  })
  freeform_tags = local.freeform_tags
}

resource "oci_functions_function" "exports" {
  application_id     = oci_functions_application.app.id
  display_name       = "exports"
  image              = var.image_url
  memory_in_mbs      = local.fn_settings["exports"].memory_in_mbs
  timeout_in_seconds = local.fn_settings["exports"].timeout_in_seconds
  config = merge(
    var.extra_function_config, local.fn_settings["exports"].env, local.nosql_config, local.storage_config, {
    FUNCTION_NAME = "exports"
    # the temporary images live here, where exports' image grants are (iam.tf)
    EXPORT_IMAGES_COMPARTMENT_ID = var.compartment_ocid
  }, length(var.extra_export_buckets) > 0 ? { EXPORT_BUCKETS = join(",", var.extra_export_buckets) } : {})
  freeform_tags = local.freeform_tags
}

resource "oci_functions_function" "presign" {
  application_id     = oci_functions_application.app.id
  display_name       = "presign"
  image              = var.image_url
  memory_in_mbs      = local.fn_settings["presign"].memory_in_mbs
  timeout_in_seconds = local.fn_settings["presign"].timeout_in_seconds
  config = merge(
    var.extra_function_config, local.fn_settings["presign"].env, local.nosql_config, local.storage_config, {
    FUNCTION_NAME = "presign"
  })
  freeform_tags = local.freeform_tags
}

resource "oci_functions_function" "quota" {
  application_id     = oci_functions_application.app.id
  display_name       = "quota"
  image              = var.image_url
  memory_in_mbs      = local.fn_settings["quota"].memory_in_mbs
  timeout_in_seconds = local.fn_settings["quota"].timeout_in_seconds
  config = merge(var.extra_function_config, local.fn_settings["quota"].env, local.nosql_config, local.storage_config, {
    FUNCTION_NAME = "quota"
  })
  freeform_tags = local.freeform_tags
}

# The gateway invokes the others through the Functions invoke API (FN_INVOKE_ENDPOINT + FN_ID_*),
# signed with its resource principal (iam.tf grants it fn-invocation on exactly these four).
resource "oci_functions_function" "gateway" {
  application_id     = oci_functions_application.app.id
  display_name       = "gateway"
  image              = var.image_url
  memory_in_mbs      = local.fn_settings["gateway"].memory_in_mbs
  timeout_in_seconds = local.fn_settings["gateway"].timeout_in_seconds
  config = merge(var.extra_function_config, local.fn_settings["gateway"].env, {
    FUNCTION_NAME      = "gateway"
    FN_INVOKE_ENDPOINT = oci_functions_function.resources.invoke_endpoint
    FN_ID_RESOURCES    = oci_functions_function.resources.id
    FN_ID_EXPORTS      = oci_functions_function.exports.id
    FN_ID_PRESIGN      = oci_functions_function.presign.id
    FN_ID_QUOTA        = oci_functions_function.quota.id
  })
  freeform_tags = local.freeform_tags
}

locals {
  # name -> OCID, for Events actions, routes and policies (keys = the stack's FUNCTIONS).
  function_ids = {
    resources = oci_functions_function.resources.id
    exports   = oci_functions_function.exports.id
    presign   = oci_functions_function.presign.id
    quota     = oci_functions_function.quota.id
    gateway   = oci_functions_function.gateway.id
  }
}

check "functions_match_code" {
  assert {
    condition     = toset(keys(local.function_ids)) == toset(keys(local.stack.functions))
    error_message = "functions.tf and generated/stack.json disagree on the function list; run npm run infra:generate and update functions.tf."
  }
}
