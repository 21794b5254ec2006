import type { Identity } from '@azg/core/identity';
import type { SubgraphContext, SubgraphServer } from '@azg/core/server';
import type { GraphQLFormattedError } from 'graphql';

/** What one operation answered: its data and its errors, as a client reads them. */
export interface OperationResult<Data> {
  data: Data | null | undefined;
  errors: readonly GraphQLFormattedError[] | undefined;
}

export const EDITOR: Identity = { subject: 'editor-1', role: 'editor', source: 'api-key', keyId: 'key-1' };
export const OTHER_EDITOR: Identity = { subject: 'editor-2', role: 'editor', source: 'jwt' };
export const ADMIN: Identity = { subject: 'admin-1', role: 'admin', source: 'api-key', keyId: 'key-9' };
export const PARTNER: Identity = { subject: 'partner-1', role: 'partner', source: 'api-key', keyId: 'key-5' };

/**
 * Runs operations on a subgraph built in this process, through its whole Apollo request
 * pipeline (parsing, validation, authorization, error formatting), as the caller `identity`:
 * what the gateway's signed identity header would give it.
 */
export function operationRunner<Context extends SubgraphContext>(server: SubgraphServer<Context>) {
  return async <Data = Record<string, unknown>>(
    identity: Identity, query: string, variables: Record<string, unknown> = {},
  ): Promise<OperationResult<Data>> => {
    const contextValue = { ...(await server.createContext()), identity };
    const response = await server.apollo.executeOperation<Data>({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return { data: response.body.singleResult.data, errors: response.body.singleResult.errors };
  };
}

/** The first error's code and field, to compare in one line. */
export function refusalOf(result: OperationResult<unknown>): { code: unknown; field: unknown } | undefined {
  const error = result.errors?.[0];
  return error && { code: error.extensions?.code, field: error.extensions?.field };
}
