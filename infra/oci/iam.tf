# Identity: one dynamic group for the functions of this compartment, and least-privilege policies
# for what the code calls (see README "Deploy to OCI" for the list). Created in the home region at
# the tenancy root (policies scoped to "tenancy" must live there).
#
#   objects + PARs       only in the two buckets            (presign, quota, exports)
#   NoSQL rows           only in the generated tables        (all domain functions)
#   images, instances    in var.inventory_scope              (exports: create/export/delete image;
#   networks             resources: actions, launch/terminate, dash-vcn-* create/delete)
#   read inventory       compartments, instances, networks, databases, MySQL, OKE, API gateways,
#                        load balancers, metrics             (resources)
#   fn-invocation        only gateway -> the four domain functions
# Compute work requests (exports' progress) are readable with the permission on the image.

locals {
  dg_name = "${var.name_prefix}-functions"
  dg      = "dynamic-group ${local.dg_name}"
  in_app  = "in compartment id ${var.compartment_ocid}"
  scope   = "in ${var.inventory_scope}"

  bucket_statements = flatten([
    for name in values(local.bucket_names) : [
      "Allow ${local.dg} to read buckets ${local.in_app} where target.bucket.name = '${name}'",
      "Allow ${local.dg} to manage objects ${local.in_app} where target.bucket.name = '${name}'",
      "Allow ${local.dg} to manage buckets ${local.in_app} where all {target.bucket.name = '${name}', request.permission = 'PAR_MANAGE'}",
    ]
  ])

  nosql_statements = [
    "Allow ${local.dg} to manage nosql-rows ${local.in_app} where any {${join(", ", [for t in keys(local.nosql_tables) : "target.nosql-table.name = '${t}'"])}}",
  ]

  invoke_statements = [
    for name, id in local.function_ids :
    "Allow ${local.dg} to use fn-invocation ${local.in_app} where all {request.principal.id = '${oci_functions_function.gateway.id}', target.function.id = '${id}'}"
    if name != "gateway"
  ]

  inventory_statements = [
    "Allow ${local.dg} to inspect compartments ${local.scope}",
    "Allow ${local.dg} to read instance-family ${local.scope}",
    "Allow ${local.dg} to read virtual-network-family ${local.scope}",
    "Allow ${local.dg} to read database-family ${local.scope}",
    "Allow ${local.dg} to read mysql-family ${local.scope}",
    "Allow ${local.dg} to read cluster-family ${local.scope}",
    "Allow ${local.dg} to read api-gateway-family ${local.scope}",
    "Allow ${local.dg} to read load-balancers ${local.scope}",
    "Allow ${local.dg} to read metrics ${local.scope}",
    # exports: custom image of an instance, export to the exports bucket, delete the temporary image.
    "Allow ${local.dg} to manage instance-images ${local.scope}",
  ]

  management_statements = var.allow_instance_management ? [
    # resources mutations: instanceAction, launchInstance, terminateInstance (Oracle's "launch instances" set)
    "Allow ${local.dg} to manage instance-family ${local.scope}",
    "Allow ${local.dg} to use volume-family ${local.scope}",
    # the dash-vcn-<region> network launchInstance creates once and terminateInstance may remove
    "Allow ${local.dg} to manage virtual-network-family ${local.scope}",
  ] : []
}

resource "oci_identity_dynamic_group" "functions" {
  provider       = oci.home
  compartment_id = var.tenancy_ocid
  name           = local.dg_name
  description    = "Functions of ${var.name_prefix} (every fnfunc in the app compartment)"
  matching_rule  = "ALL {resource.type = 'fnfunc', resource.compartment.id = '${var.compartment_ocid}'}"
}

resource "oci_identity_policy" "functions" {
  provider       = oci.home
  compartment_id = var.tenancy_ocid
  name           = "${var.name_prefix}-functions"
  description    = "What the ${var.name_prefix} functions may do (least privilege, see infra/oci/iam.tf)"
  statements = concat(
    local.bucket_statements,
    local.nosql_statements,
    local.invoke_statements,
    local.inventory_statements,
    local.management_statements,
  )
  depends_on = [oci_identity_dynamic_group.functions]
}

# Services acting on the functions: API Gateway invokes the gateway function, the Functions
# service pulls the image and attaches to the subnets, the Resource Scheduler invokes exports.
resource "oci_identity_policy" "services" {
  provider       = oci.home
  compartment_id = var.tenancy_ocid
  name           = "${var.name_prefix}-services"
  description    = "Service access for ${var.name_prefix}: API Gateway, Functions, Resource Scheduler"
  statements = concat(
    [
      "Allow any-user to use functions-family ${local.in_app} where all {request.principal.type = 'ApiGateway', request.resource.compartment.id = '${var.compartment_ocid}'}",
      "Allow service FaaS to use virtual-network-family in compartment id ${coalesce(var.network_compartment_ocid, var.compartment_ocid)}",
      "Allow service FaaS to read repos in tenancy",
    ],
    var.reconcile_schedule ? [
      "Allow any-user to use functions-family ${local.in_app} where all {request.principal.type = 'resourceschedule', request.principal.id = '${oci_resource_scheduler_schedule.reconcile[0].id}', target.function.id = '${oci_functions_function.exports.id}'}",
    ] : [],
  )
}
