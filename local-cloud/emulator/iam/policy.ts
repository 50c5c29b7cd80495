/**
 * OCI policy statements (Oracle "Policy Syntax"):
 *   Allow <subject> to <verb> <resource-type> in <location> [where <conditions>]
 *   Allow <subject> to { PERMISSION, ... } in <location> [where <conditions>]
 * subject: `group <name>` | `group id <ocid>` | `dynamic-group <name>` | `dynamic-group id <ocid>` |
 * `any-user` | `any-group` | `service <name>`, several joined by commas (`group A, B`);
 * location: `tenancy` | `compartment <name or path a:b>` | `compartment id <ocid>`;
 * verbs: inspect < read < use < manage. Keywords are case-insensitive. `Endorse`, `Admit` and
 * `Define` (cross-tenancy) are refused with an error naming them.
 */
import { Cursor, parseCondition, tokenizeCondition, type IamCondition } from './conditions.ts';
import { IamSyntaxError } from './errors.ts';

export const VERBS = ['inspect', 'read', 'use', 'manage'] as const;
export type Verb = (typeof VERBS)[number];

export type Subject =
  | { kind: 'group' | 'dynamic-group'; name?: string; id?: string }
  | { kind: 'any-user' | 'any-group' }
  | { kind: 'service'; name: string };

export type Grant = { verb: Verb; resourceType: string } | { permissions: string[] };

export type Location =
  | { kind: 'tenancy' }
  | { kind: 'compartment'; path: string }
  | { kind: 'compartment-id'; id: string };

export interface PolicyStatement {
  text: string;
  subjects: Subject[];
  grant: Grant;
  location: Location;
  where?: IamCondition;
}

function parseSubjects(c: Cursor): Subject[] {
  const out: Subject[] = [];
  let kind: 'group' | 'dynamic-group' | 'service' | undefined;
  for (;;) {
    if (c.isWord('any-user', 'any-group')) {
      out.push({ kind: c.word('subject').toLowerCase() as 'any-user' | 'any-group' });
      kind = undefined;
    } else {
      if (c.isWord('group', 'dynamic-group', 'service')) kind = c.word('subject').toLowerCase() as typeof kind;
      else if (!kind)
        throw new IamSyntaxError(
          'expected a subject (group, dynamic-group, any-user, any-group, service), ' +
            `found ${JSON.stringify(c.peek()?.v ?? '')}`,
          c.text,
        );
      if (kind === 'service') out.push({ kind, name: c.word('a service name') });
      else if (c.isWord('id')) {
        c.word('id');
        out.push({ kind: kind!, id: c.word(`the ${kind} OCID`) });
      } else {
        let t = c.next(`a ${kind} name`);
        if (t.t !== 'word' && t.t !== 'string') throw new IamSyntaxError(`expected a ${kind} name at ${t.at}`, c.text);
        // identity domains: 'Domain'/'Name' (quoted) or Domain/Name; the local tenancy has one domain
        if (c.peek()?.t === 'word' && c.peek()!.v === '/') {
          c.next('/');
          t = c.next(`a ${kind} name after the domain`);
        }
        out.push({ kind: kind!, name: t.v.includes('/') ? t.v.slice(t.v.indexOf('/') + 1) : t.v });
      }
    }
    if (c.peek()?.t !== ',') return out;
    c.next(',');
  }
}

function parseGrant(c: Cursor): Grant {
  if (c.peek()?.t === '{') {
    c.next('{');
    const permissions: string[] = [];
    for (;;) {
      const p = c.word('a permission');
      if (!/^[A-Z][A-Z0-9_]*$/.test(p)) throw new IamSyntaxError(`not a permission name: ${p}`, c.text);
      permissions.push(p);
      const t = c.next('"," or "}"');
      if (t.t === '}') break;
      if (t.t !== ',') throw new IamSyntaxError(`expected "," or "}" at ${t.at}`, c.text);
    }
    return { permissions };
  }
  const verb = c.word('a verb').toLowerCase();
  if (!(VERBS as readonly string[]).includes(verb))
    throw new IamSyntaxError(`unknown verb ${verb} (inspect, read, use, manage)`, c.text);
  const resourceType = c.word('a resource type').toLowerCase();
  return { verb: verb as Verb, resourceType };
}

function parseLocation(c: Cursor): Location {
  const w = c.word('tenancy or compartment').toLowerCase();
  if (w === 'tenancy') return { kind: 'tenancy' };
  if (w !== 'compartment') throw new IamSyntaxError(`expected "tenancy" or "compartment", found ${w}`, c.text);
  if (c.isWord('id')) {
    c.word('id');
    return { kind: 'compartment-id', id: c.word('a compartment OCID') };
  }
  const t = c.next('a compartment name');
  if (t.t !== 'word' && t.t !== 'string') throw new IamSyntaxError(`expected a compartment name at ${t.at}`, c.text);
  return { kind: 'compartment', path: t.v };
}

/** Parse one statement; throws IamSyntaxError naming the problem and the statement. */
export function parsePolicyStatement(text: string): PolicyStatement {
  const c = new Cursor(tokenizeCondition(text.trim()), text.trim());
  const verb = c.word('Allow').toLowerCase();
  if (verb !== 'allow') {
    if (['endorse', 'admit', 'define', 'deny'].includes(verb))
      throw new IamSyntaxError(`"${verb}" statements are not supported by the local IAM`, text);
    throw new IamSyntaxError('a statement starts with "Allow"', text);
  }
  const subjects = parseSubjects(c);
  if (c.word('"to"').toLowerCase() !== 'to') throw new IamSyntaxError('expected "to" after the subject', text);
  const grant = parseGrant(c);
  if (c.word('"in"').toLowerCase() !== 'in') throw new IamSyntaxError('expected "in" before the location', text);
  const location = parseLocation(c);
  let where: IamCondition | undefined;
  if (!c.done()) {
    if (c.word('"where"').toLowerCase() !== 'where')
      throw new IamSyntaxError('expected "where" or the end after the location', text);
    where = parseCondition(c);
    if (!c.done()) throw new IamSyntaxError(`unexpected ${JSON.stringify(c.peek()!.v)} after the conditions`, text);
  }
  return { text: text.trim(), subjects, grant, location, ...(where ? { where } : {}) };
}
