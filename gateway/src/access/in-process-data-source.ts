import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
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
    return graphql({
      schema: await this.schema,
      source: request.query!,
      variableValues: request.variables,
      operationName: request.operationName,
      contextValue: context,
    }) as Promise<GatewayGraphQLResponse>;
  }
}
