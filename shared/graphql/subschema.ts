/**
 * The domain side of the invoke protocol: every domain function's invoke handler is
 * `(body, call) => executeSubschemaRequest({ schema, body, call })`.
 */
import {
  execute,
  GraphQLError,
  parse,
  validate,
  getOperationAST,
  type DocumentNode,
  type FormattedExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { ErrorCode, isAppError } from '../errors.ts';
import type { FnCall } from '../fn/index.ts';
import type { Logger } from '../log.ts';
import { appErrorExtensions, formatError } from './errors.ts';
import { parseInvokeBody } from './protocol.ts';
import type { Caller } from './roles.ts';

/** The context every subschema resolver receives. */
export interface SubschemaContext {
  caller: Caller;
  call: FnCall;
  /** The call's logger with `requestId` added. */
  log: Logger;
  /** The client request id forwarded by the gateway, else the Fn call id. */
  requestId: string;
}

/** Options of {@link executeSubschemaRequest}. */
export interface ExecuteSubschemaOptions<TContext extends SubschemaContext = SubschemaContext> {
  /** The function's executable schema (its SDL from `schema/<fn>.graphql` plus resolvers). */
  schema: GraphQLSchema;
  /** The raw invoke body (object or JSON string). */
  body: unknown;
  call: FnCall;
  /** Extends the base context (e.g. adds repositories). Errors thrown here are formatted like resolver errors. */
  createContext?: (base: SubschemaContext) => TContext | Promise<TContext>;
}

const requestError = (error: GraphQLError | Error, log: Logger, requestId?: string): FormattedExecutionResult => {
  if (isAppError(error)) return { errors: [{ message: error.message, extensions: appErrorExtensions(error) }] };
  const gqlError = error instanceof GraphQLError ? error : new GraphQLError(error.message, { originalError: error });
  return { errors: [formatError(gqlError, { log, logFields: { requestId } })] };
};

const codeErrors = (errors: readonly GraphQLError[], code: string): FormattedExecutionResult => ({
  errors: errors.map((e) => ({
    message: e.message,
    ...(e.locations ? { locations: e.locations } : {}),
    extensions: { code, http: { status: 400 } },
  })),
});

/**
 * Validates the invoke body, then parses, validates and executes the operation against `schema`
 * with a {@link SubschemaContext}. Always resolves to a GraphQL result (never throws): a malformed
 * body answers one BAD_USER_INPUT error; errors are formatted per `shared/graphql/errors.ts`.
 *
 * @example
 * startFunction({ name: 'quota', invoke: (body, call) => executeSubschemaRequest({ schema, body, call }) });
 */
export async function executeSubschemaRequest<TContext extends SubschemaContext = SubschemaContext>(
  options: ExecuteSubschemaOptions<TContext>,
): Promise<FormattedExecutionResult> {
  const { schema, call } = options;
  let request;
  try {
    request = parseInvokeBody(options.body);
  } catch (e: unknown) {
    return requestError(e instanceof Error ? e : new Error(String(e)), call.log);
  }
  const requestId = request.requestId ?? call.opcRequestId ?? call.callId;
  const log = call.log.child({ requestId });
  let document: DocumentNode;
  try {
    document = parse(request.graphql.query);
  } catch (e: unknown) {
    if (e instanceof GraphQLError) return codeErrors([e], 'GRAPHQL_PARSE_FAILED');
    return requestError(e instanceof Error ? e : new Error(String(e)), log, requestId);
  }
  const validationErrors = validate(schema, document);
  if (validationErrors.length > 0) return codeErrors(validationErrors, 'GRAPHQL_VALIDATION_FAILED');
  const operation = getOperationAST(document, request.graphql.operationName);
  if (operation?.operation === 'subscription') {
    return {
      errors: [
        {
          message: 'subscriptions are not supported',
          extensions: { code: ErrorCode.BadUserInput, http: { status: 400 } },
        },
      ],
    };
  }
  try {
    const base: SubschemaContext = { caller: request.caller, call, log, requestId };
    const contextValue = options.createContext ? await options.createContext(base) : base;
    const result = await execute({
      schema,
      document,
      contextValue,
      variableValues: request.graphql.variables,
      operationName: request.graphql.operationName,
    });
    if (!result.errors?.length) return { data: result.data ?? null };
    // Without `data` the failure happened before any resolver ran (operation selection, variable coercion).
    const engineErrorCode = 'data' in result ? ErrorCode.Internal : ErrorCode.BadUserInput;
    const errors = result.errors.map((e) => formatError(e, { log, logFields: { requestId }, engineErrorCode }));
    return 'data' in result ? { data: result.data ?? null, errors } : { errors };
  } catch (e: unknown) {
    return requestError(e instanceof Error ? e : new Error(String(e)), log, requestId);
  }
}
