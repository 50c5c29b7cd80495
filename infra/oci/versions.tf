# Provider and shared locals. Identity resources (dynamic group, policies) must be created in the
# tenancy's home region, hence the `oci.home` alias; everything else lives in `var.region`.
# Authentication: the provider reads ~/.oci/config (profile from `config_file_profile` or
# OCI_CLI_PROFILE), the same profiles `npm run oci:check -- --profile NAME` verifies.
terraform {
  required_version = ">= 1.5.0"
  required_providers {
    oci = {
      source = "oracle/oci"
      # 7.4+: oci_resource_scheduler_schedule with resources.parameters (the reconcile body);
      # bounded below 8 so a major release cannot change the resources under an apply.
      version = "~> 7.4"
    }
  }
}

provider "oci" {
  region              = var.region
  config_file_profile = var.config_file_profile
}

provider "oci" {
  alias               = "home"
  region              = coalesce(var.home_region, var.region)
  config_file_profile = var.config_file_profile
}

locals {
  # Generated from the code by `npm run infra:generate` (scripts/oci-infra.ts); never edit by hand:
  # functions (memory/timeout), buckets, NoSQL tables (DDL + limits), Events rules, API routes.
  stack = jsondecode(file("${path.module}/generated/stack.json"))

  bucket_names = {
    files   = var.files_bucket
    exports = var.exports_bucket
  }

  # Physical NoSQL table names (TABLE_PREFIX + logical name) and their DDL with that name.
  nosql_tables = {
    for name, t in local.stack.nosql_tables : "${var.table_prefix}${name}" => {
      ddl_statement = replace(t.ddl_statement, "EXISTS ${name} (", "EXISTS ${var.table_prefix}${name} (")
      table_limits  = t.table_limits
    }
  }

  freeform_tags = merge({ "app" = var.name_prefix }, var.freeform_tags)
}
