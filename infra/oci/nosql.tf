# NoSQL tables exactly as the functions declare them (functions/<fn>/tables.ts TABLES, generated
# into generated/stack.json), renamed with var.table_prefix. The functions never create tables on
# OCI; they only read and write rows (iam.tf).

resource "oci_nosql_table" "table" {
  for_each = local.nosql_tables

  compartment_id = var.compartment_ocid
  name           = each.key
  ddl_statement  = each.value.ddl_statement

  table_limits {
    max_read_units     = each.value.table_limits.max_read_units
    max_write_units    = each.value.table_limits.max_write_units
    max_storage_in_gbs = each.value.table_limits.max_storage_in_gbs
  }

  freeform_tags = local.freeform_tags
}
