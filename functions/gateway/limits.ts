/**
 * Operation limits (graphql-armor): depth, aliases, cost and tokens. Refusals are reported as
 * ordinary validation errors (code GRAPHQL_VALIDATION_FAILED, HTTP 400 under
 * application/graphql-response+json) or, for the token limit, as a parse error
 * (GRAPHQL_PARSE_FAILED, 400). Introspection is exempt from depth and cost (GraphiQL needs it).
 */
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Limits on one operation. */
export interface GatewayLimits {
  /** Deepest field nesting. @default 10 */
  maxDepth?: number;
  /** Aliases per operation (`__typename` excepted). @default 15 */
  maxAliases?: number;
  /** graphql-armor cost (objects 2, scalars 1, ×1.5 per level). @default 5000 */
  maxCost?: number;
  /** Lexical tokens in the document; checked while parsing, so huge documents stop early. @default 2000 */
  maxTokens?: number;
}

export const DEFAULT_LIMITS: Required<GatewayLimits> = { maxDepth: 10, maxAliases: 15, maxCost: 5000, maxTokens: 2000 };

// armor prefixes its messages with "Syntax Error: " even for validation rules; report them cleanly.
const report = (ctx: ValidationContext | null, err: GraphQLError) =>
  ctx?.reportError(
    new GraphQLError(err.message.replace(/^Syntax Error: /, ''), { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
  );
const asValidationError = { propagateOnRejection: false, onReject: [report] };

/** The limit plugins, with defaults from {@link DEFAULT_LIMITS}. */
export function useLimits(limits: GatewayLimits = {}): Plugin[] {
  const l = { ...DEFAULT_LIMITS, ...limits };
  return [
    maxTokensPlugin({ n: l.maxTokens }),
    maxDepthPlugin({ n: l.maxDepth, ignoreIntrospection: true, ...asValidationError }),
    maxAliasesPlugin({ n: l.maxAliases, ...asValidationError }),
    costLimitPlugin({ maxCost: l.maxCost, ignoreIntrospection: true, ...asValidationError }),
  ] as Plugin[];
}
