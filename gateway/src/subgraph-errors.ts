import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { maskUnexpectedError } from '@azg/core/errors';

/** `extensions.code` of the error a client gets when one subgraph could not answer. */
export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';

/**
 * One subgraph fetch failed: the subgraph refused the connection, timed out, or answered with
 * something that is not a GraphQL response. The cause stays on the server (in the log and in
 * `originalError`); the client learns only which subgraph it was.
 */
export class SubgraphUnavailableError extends GraphQLError {
  constructor(
    readonly serviceName: string,
    cause?: unknown,
  ) {
    super(`Subgraph "${serviceName}" is unavailable`, {
      extensions: { code: SUBGRAPH_UNAVAILABLE, serviceName },
      originalError: cause instanceof Error ? cause : undefined,
    });
  }
}

/** Apollo and the gateway may wrap what a data source threw; look through a few layers for ours. */
function findSubgraphUnavailable(error: unknown): SubgraphUnavailableError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if (current instanceof SubgraphUnavailableError) return current;
    current = current instanceof GraphQLError ? current.originalError : current.cause;
  }
  return null;
}

/**
 * An error a subgraph answered with: Apollo Gateway adds `extensions.serviceName` to each. The
 * subgraph logged it, under the request id the gateway sent, so the gateway does not log it again.
 */
export function answeredBySubgraph(error: GraphQLError): boolean {
  return typeof error.extensions?.serviceName === 'string';
}

/**
 * The gateway's `formatError`. A failed subgraph fetch becomes exactly
 * `{ message: 'Subgraph "<name>" is unavailable', extensions: { code, serviceName } }`, with no
 * host, port, path or stack added on the way; other coded errors (the client's mistakes, a
 * subgraph's own coded errors) pass as they are; anything else is masked by core.
 */
export function formatGatewayError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const unavailable = findSubgraphUnavailable(error);
  if (unavailable) {
    return { message: unavailable.message, extensions: { code: SUBGRAPH_UNAVAILABLE, serviceName: unavailable.serviceName } };
  }
  return maskUnexpectedError(formatted);
}

/**
 * One line for the operator: the cause of a failed fetch, with undici's nested `cause` (where
 * ECONNREFUSED or the timeout is named). Duck-typed: errors may come from another realm.
 */
export function describeFetchFailure(error: unknown): string {
  const describe = (value: unknown): string => {
    if (typeof value !== 'object' || value === null) return String(value);
    const { name, message, code } = value as { name?: unknown; message?: unknown; code?: unknown };
    return [name, code, message].filter((part) => typeof part === 'string' && part !== '').join(' ');
  };
  const cause = typeof error === 'object' && error !== null ? (error as { cause?: unknown }).cause : undefined;
  return cause === undefined ? describe(error) : `${describe(error)}: ${describe(cause)}`;
}
