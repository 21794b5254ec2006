import { GraphQLError } from 'graphql';
import { databaseFailureOf } from './database-errors';

/**
 * The error codes a client of Almaty Zone Graph can meet in `extensions.code`.
 * `BAD_USER_INPUT` and `INTERNAL_SERVER_ERROR` match Apollo Server's own codes, so a client
 * sees one vocabulary whether the gateway or a subgraph refused the request.
 */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  Forbidden: 'FORBIDDEN',
  Unauthenticated: 'UNAUTHENTICATED',
  Internal: 'INTERNAL_SERVER_ERROR',
  DatabaseUnavailable: 'DATABASE_UNAVAILABLE',
  DatabaseTimeout: 'DATABASE_TIMEOUT',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A request the client can correct: a malformed argument, an id of the wrong shape. */
export class BadUserInputError extends GraphQLError {
  constructor(message: string, field?: string) {
    super(message, { extensions: { code: ErrorCode.BadUserInput, ...(field ? { field } : {}) } });
  }
}

/** A write or lookup that names a record that does not exist (reads answer null instead). */
export class NotFoundError extends GraphQLError {
  constructor(message: string, field?: string) {
    super(message, { extensions: { code: ErrorCode.NotFound, ...(field ? { field } : {}) } });
  }
}

/** A write that lost a race: the record moved on since the caller read it, or a key was reused. */
export class ConflictError extends GraphQLError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code: ErrorCode.Conflict, ...extensions } });
  }
}

/** What a client reads when the database could not answer: what happened, never the driver's words. */
const DATABASE_MESSAGES = {
  unavailable: { message: 'The database is unavailable; try again shortly', code: ErrorCode.DatabaseUnavailable },
  timeout: { message: 'The database took too long to answer', code: ErrorCode.DatabaseTimeout },
} as const;

/**
 * Turns any error that reached the response into one safe to show a client. Errors that carry
 * a code (ours, and Apollo's parse, validation and coercion errors) describe the client's
 * request and pass as they are; a database that is down or too slow becomes
 * `DATABASE_UNAVAILABLE` or `DATABASE_TIMEOUT` (when `error`, the original, is given); anything
 * else (a database message, a bug) becomes a plain internal error, so no SQL, table name or stack
 * trace leaks; it keeps only `extensions.requestId` (see `internalErrorPlugin`). Use as Apollo's `formatError`.
 */
export function maskUnexpectedError<T extends { message: string; extensions?: Record<string, unknown> }>(
  formatted: T,
  error?: unknown,
): T | { message: string; extensions: { code: ErrorCode; requestId?: string } } {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && code !== ErrorCode.Internal) return formatted;
  const failure = error === undefined ? null : databaseFailureOf(error);
  if (failure !== null) {
    const { message, code: failureCode } = DATABASE_MESSAGES[failure];
    return { message, extensions: { code: failureCode } };
  }
  // The one thing an internal error may carry: the request id the log line was written under.
  const requestId = formatted.extensions?.requestId;
  return { message: 'Internal server error', extensions: { code: ErrorCode.Internal, ...(typeof requestId === 'string' ? { requestId } : {}) } };
}
