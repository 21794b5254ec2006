import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { RequestInfo } from '../server/request-info';
import { databaseFailureOf } from './database-errors';
import { ErrorCode } from './errors';

/**
 * An error as the log shows it: what it was, where it was thrown, and what caused it, outermost
 * first. Plain data, so the logger prints it as it is (pino's own `err` serializer follows only
 * `cause`, and flattens the chain into one message).
 */
export interface LoggedError {
  type: string;
  message: string;
  /** A driver's or node's code (`22021`, `ECONNRESET`), when the error has one. */
  code?: string;
  stack?: string;
  cause?: LoggedError;
}

/** Links deeper than this are left out (a chain this long is a loop in all but name). */
const MAX_CAUSES = 8;

/**
 * The next error down a chain: `cause` (ES2022), graphql-js's `originalError`, TypeORM's
 * `driverError` (the pg error with the SQLSTATE). Duck-typed: errors may come from another realm.
 */
function causeOf(error: object): unknown {
  const { cause, originalError, driverError } = error as { cause?: unknown; originalError?: unknown; driverError?: unknown };
  return originalError ?? driverError ?? cause;
}

/**
 * `error` and its causes as plain data for the log. A GraphQLError that only wraps what a
 * resolver threw (Apollo locates every thrown error) is skipped: its message is the thrown one's
 * and its stack is Apollo's, not the bug's.
 */
export function describeError(error: unknown): LoggedError {
  const chain: LoggedError[] = [];
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current !== undefined && current !== null && !seen.has(current) && chain.length < MAX_CAUSES) {
    seen.add(current);
    if (typeof current !== 'object') {
      chain.push({ type: typeof current, message: String(current) });
      break;
    }
    const next = causeOf(current);
    if (current instanceof GraphQLError && next instanceof Error) {
      current = next;
      continue;
    }
    const { name, message, code, stack } = current as { name?: unknown; message?: unknown; code?: unknown; stack?: unknown };
    chain.push({
      type: typeof name === 'string' ? name : (current as object).constructor?.name ?? 'Object',
      message: typeof message === 'string' ? message : String(current),
      ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}),
      ...(typeof stack === 'string' ? { stack } : {}),
    });
    current = next;
  }
  return chain.reduceRight<LoggedError | undefined>((cause, link) => ({ ...link, ...(cause ? { cause } : {}) }), undefined)
    ?? { type: 'undefined', message: String(error) };
}

/**
 * Whether an error that reached a response was unexpected (a bug, a database message): it has no
 * code of ours or Apollo's (or only INTERNAL_SERVER_ERROR) and is not a database outage, which is
 * answered as `DATABASE_UNAVAILABLE` / `DATABASE_TIMEOUT`. These are masked for the client and
 * logged for the operator.
 */
export function isUnexpectedError(error: unknown): boolean {
  const code = (error as { extensions?: { code?: unknown } } | null | undefined)?.extensions?.code;
  if (typeof code === 'string' && code !== ErrorCode.Internal) return false;
  return databaseFailureOf(error) === null;
}

/**
 * Logs each unexpected error of `errors` once, at `error`, on the request's logger (so with its
 * `reqId`): the operation's name, the field's path, and the error with its stack and causes.
 * For code that executes a schema outside Apollo's pipeline (the gateway's in-process subgraph).
 */
export function logUnexpectedErrors(errors: readonly GraphQLError[], request: RequestInfo, operationName?: string | null): void {
  for (const error of errors) {
    if (!isUnexpectedError(error)) continue;
    request.log.error({ operationName, path: error.path?.join('.'), error: describeError(error) }, 'internal error');
  }
}

/** What the plugin needs of a request's context: the HTTP front's record of the request (its id and logger). */
interface ContextWithRequest {
  request: RequestInfo;
}

export interface InternalErrorOptions {
  /**
   * Errors another process logged already, which this one only passes on: the gateway gives
   * the errors its subgraphs answered with (they logged them, under the same request id).
   */
  loggedElsewhere?: (error: GraphQLError) => boolean;
}

/**
 * Makes every unexpected error one an operator can act on, and one a client can quote: each is
 * logged once, at `error`, on the request's logger (so with its `reqId`), with the operation's
 * name, the field's path and the error with its stack and chain of causes; the client reads only
 * "Internal server error" (`maskUnexpectedError`) and `extensions.requestId`, the same id.
 */
export function internalErrorPlugin(options: InternalErrorOptions = {}): ApolloServerPlugin<ContextWithRequest> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didEncounterErrors({ errors, operationName }) {
          logUnexpectedErrors(errors.filter((error) => !options.loggedElsewhere?.(error)), contextValue.request, operationName);
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { singleResult } = response.body;
          // An id already there is the subgraph's, under which it logged the error: the same as this
          // request's, but for a fetch shared with an identical request (SUBGRAPH_DEDUPLICATE).
          singleResult.errors = singleResult.errors?.map((error) => (
            error.extensions?.code === ErrorCode.Internal ? { ...error, extensions: { requestId: contextValue.request.id, ...error.extensions } } : error
          ));
        },
      };
    },
  };
}

/**
 * Wraps a server's context function: a context that fails unexpectedly (the caller's API key
 * could not be read, a bug) is logged like an error of execution and answered as an internal
 * error with the request id; Apollo would otherwise answer it outside every plugin, unlogged.
 * Coded refusals (a bad credential's 401) pass as they are.
 */
export function loggingContextFailures<Request, Context>(
  create: (request: Request, info: RequestInfo) => Promise<Context>,
): (request: Request, info: RequestInfo) => Promise<Context> {
  return async (request, info) => {
    try {
      return await create(request, info);
    } catch (error) {
      if (!isUnexpectedError(error)) throw error;
      info.log.error({ error: describeError(error) }, 'internal error while building the request context');
      throw new GraphQLError('Internal server error', { extensions: { code: ErrorCode.Internal, requestId: info.id } });
    }
  };
}
