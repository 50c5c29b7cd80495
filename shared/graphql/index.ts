/** The shared GraphQL layer: subschema execution (invoke protocol), roles, scalars, error formatting. */
export { executeSubschemaRequest, type ExecuteSubschemaOptions, type SubschemaContext } from './subschema.ts';
export { parseInvokeBody, type InvokeRequestBody } from './protocol.ts';
export {
  ROLES,
  actorOf,
  hasRole,
  isRole,
  knownRoles,
  requireRole,
  type Actor,
  type Caller,
  type Role,
} from './roles.ts';
export {
  connectionOf,
  decodeCursor,
  encodeCursor,
  sliceConnection,
  type Connection,
  type Edge,
  type PageInfo,
} from './connection.ts';
export { DateTimeScalar, SafeIntScalar, scalarResolvers } from './scalars.ts';
export { TRUSTED_SDL } from './trusted-sdl.ts';
export {
  UNEXPECTED_ERROR_MESSAGE,
  appErrorExtensions,
  findAppError,
  formatError,
  isEngineError,
  statusOfCode,
  type FormatErrorOptions,
} from './errors.ts';
