/**
 * OCI fan-out pricing (docs/operations.md "Fan-out prices"). graphql-armor's cost limit counts
 * fields; it cannot know that one `resources(includeSubtree: true, fresh: true)` makes hundreds of
 * OCI calls. Each root field that reaches OCI has a price, an estimate of the OCI calls it makes
 * (PRICES); a request's price is the sum over its distinct lookups (identical field + arguments
 * count once: they are made once, see schema.ts `batch`). A request above `maxRequestPrice` is
 * refused before anything runs (GRAPHQL_VALIDATION_FAILED, 400); a user whose requests of the
 * last minute would pass `userBudgetPerMinute` is refused with RATE_LIMITED (429, Retry-After).
 *
 * The budget lives in the gateway process (one per container): on OCI, with several gateway
 * containers, a user can spend up to that many budgets a minute. It bounds a burst, which is what
 * spends the tenancy's API rate limits; a shared budget would cost a NoSQL write per request.
 */
import { createGraphQLError } from '@graphql-tools/utils';
import {
  getArgumentValues,
  getNamedType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode } from '#shared/errors.ts';
import type { GatewayContext } from './context.ts';

/** Limits of {@link useFanoutBudget}. */
export interface FanoutLimits {
  /** Largest price of one request. @default 300 (env GATEWAY_MAX_REQUEST_PRICE) */
  maxRequestPrice?: number;
  /** Price one user may spend in a sliding minute. @default 1200 (env GATEWAY_USER_BUDGET_PER_MINUTE) */
  userBudgetPerMinute?: number;
  /** Clock (tests). @default Date.now */
  now?: () => number;
}

export const DEFAULT_FANOUT = { maxRequestPrice: 300, userBudgetPerMinute: 1200 } as const;

type Args = Record<string, unknown>;
/** A root field's price from its arguments and whether its selection asks for health. */
type Price = (args: Args, wantsHealth: boolean) => number;

const fresh = (a: Args) => (a.fresh === true ? 2 : 1);
/** A later page (`after` set, not `fresh`) reads the lists its first page cached moments ago. */
const laterPage = (a: Args) => a.after !== undefined && a.after !== null && a.fresh !== true;
const count = (v: unknown) => (Array.isArray(v) ? v.length : 1);

/**
 * Prices in estimated OCI calls, by `Type.field`. Fields not listed cost 1 (one or two NoSQL or
 * Object Storage calls). `fresh: true` doubles a read's price: it skips the cache and always calls.
 * - subtree scan (`resources(includeSubtree: true)`): 100, +20 when health is asked (metrics per compartment)
 * - one compartment (`resources`): 10, +2 with health
 * - compartment tree (`compartments`): 5
 * - `metrics`: 2 per metric name per 50 resources, + 1 per 8 resources (compartment lookups)
 * - a later page of `resources` or `compartments` (`after` set, not `fresh`): 1, since the first page
 *   filled the cache it reads
 * - `instance`: 4; mutations: `instanceAction` 5, `launchInstance` 30, `terminateInstance` 10,
 *   `exportInstance` 5, `reconcileExports` 50
 */
export const PRICES: Readonly<Record<string, Price>> = {
  'Query.resources': (a, health) =>
    laterPage(a)
      ? 1
      : ((a.includeSubtree === true ? 100 : 10) + (health ? (a.includeSubtree === true ? 20 : 2) : 0)) * fresh(a),
  'Query.compartments': (a) => (laterPage(a) ? 1 : 5 * fresh(a)),
  'Query.metrics': (a) =>
    2 * count(a.names) * Math.ceil(count(a.resourceIds) / 50) + Math.ceil(count(a.resourceIds) / 8),
  'Query.instance': () => 4,
  'Mutation.instanceAction': () => 5,
  'Mutation.launchInstance': () => 30,
  'Mutation.terminateInstance': () => 10,
  'Mutation.exportInstance': () => 5,
  'Mutation.reconcileExports': () => 50,
};

export interface PricedField {
  field: string;
  price: number;
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const out = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) out.set(d.name.value, d);
  return out;
}

/** The fields of a selection set, fragments and inline fragments flattened (depth-bounded by the limits plugin). */
function fieldsOf(
  set: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  seen = new Set<string>(),
): FieldNode[] {
  const out: FieldNode[] = [];
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) out.push(s);
    else if (s.kind === Kind.INLINE_FRAGMENT) out.push(...fieldsOf(s.selectionSet, fragments, seen));
    else if (!seen.has(s.name.value)) {
      seen.add(s.name.value);
      const f = fragments.get(s.name.value);
      if (f) out.push(...fieldsOf(f.selectionSet, fragments, seen));
    }
  }
  return out;
}

function asksHealth(
  set: SelectionSetNode | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  depth = 0,
): boolean {
  if (!set || depth > 12) return false;
  return fieldsOf(set, fragments).some(
    (f) =>
      f.name.value === 'health' || f.name.value === 'healthSummary' || asksHealth(f.selectionSet, fragments, depth + 1),
  );
}

const canonical = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(',')}]`
    : v && typeof v === 'object' && !(v instanceof Date)
      ? `{${Object.keys(v)
          .sort()
          .map((k) => `${k}:${canonical((v as Args)[k])}`)
          .join(',')}}`
      : (JSON.stringify(v instanceof Date ? v.toISOString() : v) ?? 'null');

/**
 * The price of the operation: its root fields' prices, each distinct lookup (field, arguments,
 * health asked) once. Throws nothing: a field it cannot price (unknown, bad arguments) costs 1
 * and is refused later by validation or its resolver.
 */
export function priceOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Args | null | undefined,
): { total: number; fields: PricedField[] } {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops[0];
  const root: GraphQLObjectType | null | undefined =
    op?.operation === 'mutation'
      ? schema.getMutationType()
      : op?.operation === 'query'
        ? schema.getQueryType()
        : undefined;
  if (!op || !root) return { total: 0, fields: [] };
  const fragments = fragmentsOf(document);
  const distinct = new Map<string, PricedField>();
  for (const node of fieldsOf(op.selectionSet, fragments)) {
    const name = node.name.value;
    if (name.startsWith('__')) continue;
    const def = root.getFields()[name];
    const key = `${root.name}.${name}`;
    let args: Args = {};
    try {
      if (def) args = getArgumentValues(def, node, variables ?? {});
    } catch {
      /* refused later with its own error */
    }
    const health =
      def !== undefined && isObjectType(getNamedType(def.type)) && asksHealth(node.selectionSet, fragments);
    const price = PRICES[key]?.(args, health) ?? 1;
    // mutations are never deduplicated: each one runs
    const id =
      op.operation === 'mutation' ? `${distinct.size}` : `${key}(${canonical(args)})${health ? '+health' : ''}`;
    if (!distinct.has(id)) distinct.set(id, { field: key, price });
  }
  const fields = [...distinct.values()];
  return { total: fields.reduce((s, f) => s + f.price, 0), fields };
}

/** Prices spent per user in a sliding minute. Bounded memory: users idle for a minute are dropped. */
export class UserBudget {
  private readonly spent = new Map<string, { at: number; price: number }[]>();
  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Spends `price` for `userId`, or answers how many seconds until it fits (nothing spent). */
  spend(
    userId: string,
    price: number,
  ): { ok: true; left: number } | { ok: false; retryAfterSeconds: number; used: number } {
    const t = this.now();
    if (this.spent.size > 10_000)
      for (const [u, l] of this.spent) if (!l.some((e) => e.at > t - 60_000)) this.spent.delete(u);
    const list = (this.spent.get(userId) ?? []).filter((e) => e.at > t - 60_000);
    const used = list.reduce((s, e) => s + e.price, 0);
    if (used + price > this.perMinute) {
      // the earliest time enough of the window has expired to fit `price`
      let free = this.perMinute - used;
      let at = t;
      for (const e of list) {
        if (free >= price) break;
        free += e.price;
        at = e.at + 60_000;
      }
      this.spent.set(userId, list);
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((at - t) / 1000)), used };
    }
    list.push({ at: t, price });
    this.spent.set(userId, list);
    return { ok: true, left: this.perMinute - used - price };
  }
}

const envNumber = (key: string): number | undefined => {
  const v = process.env[key]?.trim();
  if (!v) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${key} must be a positive integer, got "${v}"`);
  return n;
};

/** The pricing plugin: refuses an over-priced request, then spends the caller's budget. */
export function useFanoutBudget(limits: FanoutLimits = {}): Plugin {
  const maxRequestPrice =
    limits.maxRequestPrice ?? envNumber('GATEWAY_MAX_REQUEST_PRICE') ?? DEFAULT_FANOUT.maxRequestPrice;
  const perMinute =
    limits.userBudgetPerMinute ?? envNumber('GATEWAY_USER_BUDGET_PER_MINUTE') ?? DEFAULT_FANOUT.userBudgetPerMinute;
  const budget = new UserBudget(perMinute, limits.now);
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const { total, fields } = priceOperation(args.schema, args.document, args.operationName, args.variableValues);
      if (total <= 1) return;
      const costly = fields
        .filter((f) => f.price > 1)
        .map((f) => `${f.field.split('.')[1]} ${f.price}`)
        .join(', ');
      if (total > maxRequestPrice) {
        setResultAndStopExecution({
          errors: [
            createGraphQLError(
              `the request would make about ${total} OCI calls (${costly}); one request may make at most ` +
                `${maxRequestPrice}: split it, drop fresh: true or narrow includeSubtree`,
              {
                extensions: {
                  code: 'GRAPHQL_VALIDATION_FAILED',
                  price: total,
                  maxPrice: maxRequestPrice,
                  http: { status: 400 },
                },
              },
            ),
          ],
        });
        return;
      }
      const userId = (args.contextValue as unknown as Partial<GatewayContext> | undefined)?.caller?.userId;
      if (!userId) return;
      const r = budget.spend(userId, total);
      if (!r.ok) {
        setResultAndStopExecution({
          errors: [
            createGraphQLError(
              `OCI call budget spent: ${r.used} of ${perMinute} in the last minute, this request needs ${total}; try ` +
                `again in ${r.retryAfterSeconds} s`,
              {
                extensions: {
                  code: ErrorCode.RateLimited,
                  price: total,
                  budgetPerMinute: perMinute,
                  retryAfterSeconds: r.retryAfterSeconds,
                  http: { status: 429, headers: { 'Retry-After': String(r.retryAfterSeconds) } },
                },
              },
            ),
          ],
        });
      }
    },
  };
}
