# Identity, rendered from the deployment manifest's IAM model (deployment/iam.ts, generated into
# generated/stack.json "iam"), which the local stack enforces too (docs/iam.md has the table
# function -> OCI operations -> permission -> statement):
#   - one dynamic group per function, matching exactly that function's OCID;
#   - per function, only the statements for the OCI operations its code calls (objects and PARs in
#     the named buckets, rows of its own NoSQL tables, images in this compartment, ...);
#   - API Gateway invoking the gateway, the Events service delivering rule actions, the reconcile
#     schedule invoking exports, and the Functions service's own needs (image pull, subnets).
# Created in the home region at the tenancy root (statements scoped to "tenancy" must live there).

locals {
  # EXPORTS_BUCKET and every extra export bucket: each gets the exports grants (statements with for_each)
  export_buckets = distinct(concat([var.exports_bucket], var.extra_export_buckets))

  iam_dynamic_groups = {
    for fn, d in local.stack.iam.dynamic_groups : fn => {
      name          = replace(d.name, "@PREFIX@", var.name_prefix)
      matching_rule = replace(d.matching_rule, "@FN_ID_${upper(fn)}@", local.function_ids[fn])
    }
  }

  iam_enabled = {
    for id, s in local.stack.iam.statements : id => s
    if s.when == "" || s.when == "deployOnly" || (s.when == "instanceManagement" && var.allow_instance_management) || (s.when == "readOnly" && !var.allow_instance_management) || (s.when == "schedule" && var.reconcile_schedule)
  }

  # @TOKENS@ of deployment/iam.ts, replaced in one place
  iam_filled = {
    for id, s in local.iam_enabled : id => merge(s, {
      text = replace(replace(replace(replace(replace(replace(replace(replace(s.text,
        "@PREFIX@", var.name_prefix),
        "@APP_ID@", var.compartment_ocid),
        "@APP@", "compartment id ${var.compartment_ocid}"),
        "@INVENTORY@", var.inventory_scope),
        "@FILES_BUCKET@", var.files_bucket),
        "@TABLE_PREFIX@", var.table_prefix),
        "@NETWORK@", "compartment id ${coalesce(var.network_compartment_ocid, var.compartment_ocid)}"),
      "@SCHEDULE_ID@", join("", oci_resource_scheduler_schedule.reconcile[*].id))
    })
  }

  iam_statements = flatten([
    for id, s in local.iam_filled : [
      for b in(s.for_each == "exportBucket" ? local.export_buckets : [""]) : {
        id      = b == "" ? id : "${id}:${b}"
        grantee = s.grantee
        text    = replace(s.text, "@EXPORT_BUCKET@", b)
      }
    ]
  ])

  iam_by_grantee = { for g in distinct([for s in local.iam_statements : s.grantee]) : g => [for s in local.iam_statements : s.text if s.grantee == g] }
}

resource "oci_identity_dynamic_group" "fn" {
  for_each       = local.iam_dynamic_groups
  provider       = oci.home
  compartment_id = var.tenancy_ocid
  name           = each.value.name
  description    = "The ${each.key} function of ${var.name_prefix} (its OCID only)"
  matching_rule  = each.value.matching_rule
}

# One policy per grantee (a function, apigateway, events, schedule, faas): what it may do and nothing more.
resource "oci_identity_policy" "grantee" {
  for_each       = local.iam_by_grantee
  provider       = oci.home
  compartment_id = var.tenancy_ocid
  name           = "${var.name_prefix}-${each.key}"
  description    = "What ${each.key} of ${var.name_prefix} may do (deployment/iam.ts)"
  statements     = each.value
  depends_on     = [oci_identity_dynamic_group.fn]
}

check "iam_tokens_replaced" {
  assert {
    condition     = alltrue([for s in local.iam_statements : length(regexall("@[A-Z_]+@", s.text)) == 0])
    error_message = "An IAM statement template has a token iam.tf does not replace; update iam.tf with deployment/iam.ts."
  }
}
