/**
 * The policy engine: which principal may use which permission on which target. Statements are
 * parsed once (a bad one fails the load, naming it); dynamic groups are matched against a resource
 * principal by their matching rules; a request is a list of checks (permission + target) and is
 * allowed only if every check is granted by some statement (OCI has no Deny).
 */
import { evaluate, parseConditionText, variablesOf, type IamCondition, type Variables } from './conditions.ts';
import { IamSyntaxError } from './errors.ts';
import { isKnownResourceType, permissionsOf, RESOURCE_TYPES, typesOf } from './permissions.ts';
import { parsePolicyStatement, type PolicyStatement, type Subject } from './policy.ts';

/** Who calls, as the request's signature proved it. */
export interface IamPrincipal {
  /**
   * user: an API key or session of a tenancy user; resource: an RPST (functions, API Gateway, schedules); service: an
   * OCI service (Events)
   */
  kind: 'user' | 'resource' | 'service';
  /** user/resource OCID, or the service name (`cloudEvents`) */
  id: string;
  /** `request.principal.type`: `user`, `fnfunc`, `ApiGateway`, `resourceschedule`, `service` */
  type: string;
  /** the resource's compartment (resource principals) */
  compartmentId?: string;
}

export interface GroupSpec {
  name: string;
  id?: string;
  members: string[];
}
export interface DynamicGroupSpec {
  name: string;
  id?: string;
  matchingRule: string;
}

/** Where a statement came from, for the log and the denial message. */
export interface SourcedStatement {
  text: string;
  source: string;
}

export interface IamPolicySet {
  statements: SourcedStatement[];
  groups?: GroupSpec[];
  dynamicGroups?: DynamicGroupSpec[];
}

/** The compartment tree, for `in compartment id X` (covers X's descendants) and `compartment <name|a:b>`. */
export interface CompartmentTree {
  tenancyId: string;
  parentOf(compartmentId: string): string | undefined;
  /** the OCID of a compartment path (`Apps` or `Apps:Prod`, from the root), if it exists */
  idOfPath(path: string): string | undefined;
}

/** One permission the request needs, on one target. */
export interface IamCheck {
  permission: string;
  /** the compartment of the target; undefined when it cannot be told (only `in tenancy` covers it) */
  compartmentId?: string;
  /** target variables, e.g. `target.bucket.name` */
  vars?: Record<string, string>;
}

export type IamDecision = { allowed: true } | { allowed: false; missing: IamCheck; reason: string };

interface Parsed extends PolicyStatement {
  source: string;
}

/** The variables the emulator sets; a statement on any other is accepted but grants nothing (see `unsetVariables`). */
export const KNOWN_VARIABLES = new Set([
  'request.principal.type',
  'request.principal.id',
  'request.principal.compartment.id',
  'request.resource.compartment.id',
  'request.user.id',
  'request.groups.id',
  'request.permission',
  'request.operation',
  'target.compartment.id',
  'target.bucket.name',
  'target.nosql-table.name',
  'target.nosql-table.id',
]);

export class PolicyEngine {
  private readonly statements: Parsed[];
  private readonly groups: GroupSpec[];
  private readonly dynamicGroups: { spec: DynamicGroupSpec; rule: IamCondition }[];

  constructor(
    set: IamPolicySet,
    private readonly tree: CompartmentTree,
  ) {
    this.statements = set.statements.map((s) => {
      const parsed = parsePolicyStatement(s.text);
      if ('resourceType' in parsed.grant && !isKnownResourceType(parsed.grant.resourceType)) {
        throw new IamSyntaxError(`unknown resource type ${parsed.grant.resourceType} (${s.source})`, s.text);
      }
      return { ...parsed, source: s.source };
    });
    this.groups = set.groups ?? [];
    this.dynamicGroups = (set.dynamicGroups ?? []).map((spec) => ({
      spec,
      rule: parseConditionText(spec.matchingRule),
    }));
    for (const d of this.dynamicGroups) {
      for (const v of variablesOf(d.rule)) {
        if (!/^(resource\.(type|id|compartment\.id)|tag\..+\.value)$/.test(v))
          throw new IamSyntaxError(`dynamic group ${d.spec.name}: unsupported variable ${v}`, d.spec.matchingRule);
      }
    }
  }

  /** Statements whose conditions name a variable the emulator never sets (they can grant nothing here). */
  unsetVariables(): { statement: SourcedStatement; variables: string[] }[] {
    return this.statements.flatMap((s) => {
      const vars = s.where ? [...new Set(variablesOf(s.where))].filter((v) => !KNOWN_VARIABLES.has(v)) : [];
      return vars.length ? [{ statement: { text: s.text, source: s.source }, variables: vars }] : [];
    });
  }

  /** The statements as loaded (text and source). */
  list(): SourcedStatement[] {
    return this.statements.map((s) => ({ text: s.text, source: s.source }));
  }

  /** Names of the dynamic groups a resource principal belongs to. */
  dynamicGroupsOf(p: IamPrincipal): DynamicGroupSpec[] {
    if (p.kind !== 'resource') return [];
    const vars: Variables = {
      'resource.type': p.type,
      'resource.id': p.id,
      'resource.compartment.id': p.compartmentId,
    };
    return this.dynamicGroups.filter((d) => evaluate(d.rule, vars)).map((d) => d.spec);
  }

  private groupsOf(p: IamPrincipal): GroupSpec[] {
    return p.kind === 'user' ? this.groups.filter((g) => g.members.includes(p.id)) : [];
  }

  private subjectMatches(s: Subject, p: IamPrincipal, groups: GroupSpec[], dgs: DynamicGroupSpec[]): boolean {
    const same = (a: string | undefined, b: string | undefined) =>
      a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
    switch (s.kind) {
      case 'any-user':
        return true;
      case 'any-group':
        return p.kind === 'user' && groups.length > 0;
      case 'service':
        return p.kind === 'service' && same(s.name, p.id);
      case 'group':
        return groups.some((g) => same(g.name, s.name) || same(g.id, s.id));
      case 'dynamic-group':
        return dgs.some((g) => same(g.name, s.name) || same(g.id, s.id));
    }
  }

  private covers(st: PolicyStatement, compartmentId: string | undefined): boolean {
    if (st.location.kind === 'tenancy') return true;
    const root = st.location.kind === 'compartment-id' ? st.location.id : this.tree.idOfPath(st.location.path);
    if (!root || !compartmentId) return false;
    for (let c: string | undefined = compartmentId, hops = 0; c && hops < 10; c = this.tree.parentOf(c), hops++) {
      if (c.toLowerCase() === root.toLowerCase()) return true;
    }
    return false;
  }

  private grants(st: PolicyStatement, permission: string): boolean {
    const g = st.grant;
    if ('permissions' in g) return g.permissions.includes(permission);
    const types = typesOf(g.resourceType);
    const verb = g.verb;
    if (types === 'all')
      return verb === 'manage' || Object.keys(RESOURCE_TYPES).some((t) => permissionsOf(t, verb).includes(permission));
    return types.some((t) => permissionsOf(t, verb).includes(permission));
  }

  /** Is every check granted? The first one that is not is returned with why. */
  authorize(p: IamPrincipal, operation: string, checks: IamCheck[]): IamDecision {
    const groups = this.groupsOf(p);
    const dgs = this.dynamicGroupsOf(p);
    const mine = this.statements.filter((st) => st.subjects.some((s) => this.subjectMatches(s, p, groups, dgs)));
    for (const check of checks) {
      const vars: Variables = {
        'request.principal.type': p.type,
        'request.principal.id': p.id,
        'request.principal.compartment.id': p.compartmentId,
        'request.resource.compartment.id': p.compartmentId,
        'request.user.id': p.kind === 'user' ? p.id : undefined,
        'request.groups.id': groups.map((g) => g.id ?? g.name),
        'request.permission': check.permission,
        'request.operation': operation,
        'target.compartment.id': check.compartmentId,
        ...check.vars,
      };
      const ok = mine.some(
        (st) =>
          this.grants(st, check.permission) &&
          this.covers(st, check.compartmentId) &&
          (!st.where || evaluate(st.where, vars)),
      );
      if (!ok) {
        const groups = dgs.length
          ? ` (dynamic groups: ${dgs.map((d) => d.name).join(', ')})`
          : ' (in no dynamic group)';
        const who = p.kind === 'resource' ? `${p.type} ${p.id}${groups}` : `${p.kind} ${p.id}`;
        const where = [
          check.compartmentId ? `compartment ${check.compartmentId}` : 'an unknown compartment',
          ...Object.entries(check.vars ?? {}).map(([k, v]) => `${k}=${v}`),
        ].join(', ');
        return {
          allowed: false,
          missing: check,
          reason: `${operation} needs ${check.permission} on ${where}; no statement grants it to ${who}`,
        };
      }
    }
    return { allowed: true };
  }
}
