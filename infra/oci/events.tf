# Events rules from the stack's eventRules() (generated/stack.json): user-files object
# create/update/delete -> quota; exports bucket objects and Compute image events -> exports.
# Conditions are the code's, with @FILES_BUCKET@/@EXPORTS_BUCKET@ replaced by the bucket names.
# Delivery is at-least-once at best and may be lost: the functions are idempotent, and exports is
# also reconciled on a schedule (schedule.tf).

resource "oci_events_rule" "rule" {
  for_each = local.stack.event_rules

  compartment_id = var.compartment_ocid
  display_name   = "${var.name_prefix}-${each.key}"
  description    = "Generated from deployment/manifest.ts EVENT_RULES"
  is_enabled     = true
  condition = replace(
    replace(jsonencode(each.value.condition), "@FILES_BUCKET@", var.files_bucket),
    "@EXPORTS_BUCKET@", var.exports_bucket,
  )

  actions {
    dynamic "actions" {
      for_each = each.value.functions
      content {
        action_type = "FAAS"
        is_enabled  = true
        function_id = local.function_ids[actions.value]
      }
    }
  }

  freeform_tags = local.freeform_tags
}
