# The two private buckets. Object events must be on: the quota function settles usage from the
# user-files events, the exports function notices finished exports from the exports events.

data "oci_objectstorage_namespace" "ns" {
  compartment_id = var.tenancy_ocid
}

resource "oci_objectstorage_bucket" "bucket" {
  for_each = local.stack.buckets # files, exports

  compartment_id        = var.compartment_ocid
  namespace             = data.oci_objectstorage_namespace.ns.namespace
  name                  = local.bucket_names[each.key]
  access_type           = "NoPublicAccess"
  storage_tier          = "Standard"
  object_events_enabled = each.value.object_events_enabled
  freeform_tags         = local.freeform_tags
}
