# Scheduled reconcile of exports. OCI Functions has no cron trigger; of the two ways to get one:
#  - a Resource Scheduler schedule whose action starts (= invokes) the function with a body, or
#  - an Events/Notifications + Monitoring alarm pattern (an alarm on a always-firing metric query
#    publishes to a topic with a function subscription, repeating every N minutes),
# we use the Resource Scheduler: one resource, a cron expression, and the invoke body the exports
# function expects ({"task":"reconcileExports"}, functions/exports/handler.ts). Events are
# at-least-once at best and may be lost; reconcile polls work requests, images and objects for
# every unfinished job and moves it on (idempotent), so a missed event costs one period.
# Without the schedule (reconcile_schedule = false), run the same invoke from any cron:
#   oci fn function invoke --function-id <exports OCID> --file - --body '{"task":"reconcileExports"}'

resource "oci_resource_scheduler_schedule" "reconcile" {
  count = var.reconcile_schedule ? 1 : 0

  compartment_id     = var.compartment_ocid
  display_name       = "${var.name_prefix}-reconcile-exports"
  description        = "Invoke exports with {\"task\":\"reconcileExports\"}"
  action             = "START_RESOURCE"
  recurrence_type    = "CRON"
  recurrence_details = var.reconcile_cron
  state              = "ACTIVE"

  resources {
    id = oci_functions_function.exports.id
    parameters {
      parameter_type = "BODY"
      value          = [jsonencode({ task = "reconcileExports" })]
    }
  }

  freeform_tags = local.freeform_tags
}
