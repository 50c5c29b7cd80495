/**
 * IAM for the emulator: every signed request is checked against the tenancy's policies before its
 * provider runs. The admin user is in `Administrators` (`Allow group Administrators to manage
 * all-resources in tenancy`); everything else (functions' resource principals, API Gateway, the
 * Events service, schedules) gets what the loaded statements grant and nothing more. A denial is
 * answered as OCI does (404 NotAuthorizedOrNotFound; Object Storage bucket operations 404
 * BucketNotFound) and recorded with the missing permission (request log, `onDenied`).
 */
import { OciServiceError } from '../core/errors.ts';
import type { Principal } from '../core/signature.ts';
import type { StateStore } from '../core/store.ts';
import type { EmulatorRequest } from '../core/types.ts';
import {
  PolicyEngine,
  type CompartmentTree,
  type IamCheck,
  type IamPolicySet,
  type IamPrincipal,
  type SourcedStatement,
} from './engine.ts';
import type { OperationSpec } from './operations.ts';
import { checksFor, type TargetDeps } from './targets.ts';

export { PolicyEngine } from './engine.ts';
export type {
  CompartmentTree,
  DynamicGroupSpec,
  GroupSpec,
  IamCheck,
  IamDecision,
  IamPolicySet,
  IamPrincipal,
  SourcedStatement,
} from './engine.ts';
export { parsePolicyStatement } from './policy.ts';
export { parseConditionText, evaluate } from './conditions.ts';
export { IamSyntaxError } from './errors.ts';
export { OPERATIONS } from './operations.ts';
export { RESOURCE_TYPES, FAMILIES } from './permissions.ts';

export const ADMIN_GROUP = 'Administrators';
export const ADMIN_STATEMENT = `Allow group ${ADMIN_GROUP} to manage all-resources in tenancy`;

/** A denied request, as the request log and the stack log show it. */
export interface IamDenial {
  requestId: string;
  service: string;
  operation: string;
  principal: string;
  missingPermission: string;
  message: string;
}

export interface EmulatorIamOptions {
  /** check requests @default true */
  enforce?: boolean;
  /** statements, groups and dynamic groups besides the admin's @default none */
  policies?: IamPolicySet;
  onDenied?(d: IamDenial): void;
}

interface CompartmentRec {
  name: string;
  compartmentId: string;
  lifecycleState?: string;
}

export function compartmentTree(store: StateStore, tenancyId: string): CompartmentTree {
  const all = () => store.collection<CompartmentRec & { id: string }>('identity', 'compartments');
  return {
    tenancyId,
    parentOf: (id) => (id === tenancyId ? undefined : all().get(id)?.compartmentId),
    idOfPath(path) {
      let parent = tenancyId;
      for (const name of path.split(':')) {
        const rec = all()
          .values()
          .find(
            (c) =>
              c.compartmentId === parent &&
              c.name.toLowerCase() === name.toLowerCase() &&
              c.lifecycleState !== 'DELETED',
          );
        if (!rec) return undefined;
        parent = rec.id;
      }
      return parent;
    },
  };
}

export function toIamPrincipal(p: Principal): IamPrincipal {
  if (p.kind === 'service') return { kind: 'service', id: p.id, type: 'service' };
  if (p.kind === 'resource')
    return {
      kind: 'resource',
      id: p.id,
      type: p.resourceType ?? 'resource',
      ...(p.compartmentId ? { compartmentId: p.compartmentId } : {}),
    };
  return { kind: 'user', id: p.id, type: 'user' };
}

export class EmulatorIam {
  readonly enforce: boolean;
  private engine: PolicyEngine;
  private extra: IamPolicySet;

  constructor(
    private readonly deps: TargetDeps & { adminUserId: string },
    private readonly options: EmulatorIamOptions = {},
  ) {
    this.enforce = options.enforce ?? true;
    this.extra = options.policies ?? { statements: [] };
    this.engine = this.build(this.extra);
  }

  private build(set: IamPolicySet): PolicyEngine {
    return new PolicyEngine(
      {
        statements: [{ text: ADMIN_STATEMENT, source: 'tenancy (admin)' }, ...set.statements],
        groups: [{ name: ADMIN_GROUP, members: [this.deps.adminUserId] }, ...(set.groups ?? [])],
        dynamicGroups: set.dynamicGroups ?? [],
      },
      compartmentTree(this.deps.store, this.deps.tenancyId),
    );
  }

  /** Replace the policies (besides the admin's); a bad statement throws and leaves the old ones. */
  setPolicies(set: IamPolicySet): void {
    this.engine = this.build(set);
    this.extra = set;
  }

  policies(): IamPolicySet {
    return this.extra;
  }
  statements(): SourcedStatement[] {
    return this.engine.list();
  }
  get policyEngine(): PolicyEngine {
    return this.engine;
  }

  /** The checks of a request (undefined: the operation is not in the permission table). */
  checks(req: EmulatorRequest, spec?: OperationSpec): IamCheck[] | undefined {
    return checksFor(req, this.deps, spec);
  }

  /**
   * Throw OCI's denial when `principal` may not do `req`. Returns the denial (also thrown as the
   * error's `iamDenial`) for the request log.
   */
  authorize(req: EmulatorRequest, principal: Principal, routeSpec?: OperationSpec): void {
    if (!this.enforce) return;
    const p = toIamPrincipal(principal);
    // the admin's group holds `manage all-resources in tenancy`, which grants every check: skip the work
    if (p.kind === 'user' && p.id === this.deps.adminUserId) return;
    const checks = this.checks(req, routeSpec);
    let missing: string;
    let reason: string;
    if (!checks) {
      missing = `(no permission mapping for ${req.service}:${req.operation})`;
      reason =
        `${req.service} ${req.operation} has no entry in the emulator's permission table ` +
        '(local-cloud/emulator/iam/operations.ts); only the admin may call it';
    } else {
      const d = this.engine.authorize(p, req.operation, checks);
      if (d.allowed) return;
      missing = d.missing.permission;
      reason = d.reason;
    }
    const denial: IamDenial = {
      requestId: req.requestId,
      service: req.service,
      operation: req.operation,
      principal: `${p.type} ${p.id}`,
      missingPermission: missing,
      message: reason,
    };
    this.options.onDenied?.(denial);
    const err =
      req.service === 'objectstorage' && req.params.bucketName
        ? new OciServiceError(
            404,
            'BucketNotFound',
            `Either the bucket named '${req.params.bucketName}' does not exist in the namespace ` +
              `'${req.params.namespaceName ?? this.deps.namespace}' or you are not authorized to access it`,
          )
        : new OciServiceError(404, 'NotAuthorizedOrNotFound', 'Authorization failed or requested resource not found.');
    throw Object.assign(err, { iamDenial: denial });
  }
}
