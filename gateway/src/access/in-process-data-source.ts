import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { logUnexpectedErrors, maskUnexpectedError } from '@azg/core/errors';
import type { RequestInfo } from '@azg/core/server';
import { graphql, type GraphQLSchema } from 'graphql';

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/**
 * A subgraph answered inside the gateway's process, like Apollo's LocalGraphQLDataSource but
 * over a schema that is still being built when the gateway starts (type-graphql builds
 * asynchronously). The gateway's request context is the subgraph's: it already holds the caller
 * the gateway authenticated, so no signed header is needed on this hop.
 */
export class InProcessDataSource<Context extends Record<string, any>> implements GraphQLDataSource<Context> {
  constructor(private readonly schema: Promise<GraphQLSchema>) {}

  async process({ request, context }: GraphQLDataSourceProcessOptions<Context>): Promise<GatewayGraphQLResponse> {
    const result = await graphql({
      schema: await this.schema,
      source: request.query!,
      variableValues: request.variables,
      operationName: request.operationName,
      contextValue: context,
    });
    if (!result.errors) return result as GatewayGraphQLResponse;
    // Logged here, with their causes, before masking drops them (the gateway logs no subgraph's errors).
    logUnexpectedErrors(result.errors, (context as { request: RequestInfo }).request, request.operationName);
    // What a remote subgraph's formatError does before its answer leaves it: coded errors pass,
    // anything else (a database message, a bug) becomes a plain internal error.
    const errors = result.errors.map((error) => ({
      ...maskUnexpectedError(error.toJSON(), error.originalError ?? error),
      ...(error.path ? { path: error.path } : {}),
    }));
    return { ...result, errors } as unknown as GatewayGraphQLResponse;
  }
}
