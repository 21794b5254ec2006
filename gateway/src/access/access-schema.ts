import { buildFederatedSchema, printSubgraphSchema } from '@azg/core/federation';
import type { GraphQLSchema } from 'graphql';
import { ApiKeyResolver } from './api-key.resolver';

/** The in-process fifth subgraph's name in the supergraph. */
export const ACCESS_SUBGRAPH = 'access';
/**
 * The URL composition records for it. Nothing listens there: the gateway answers the access
 * subgraph in its own process (LocalGraphQLDataSource) and never fetches this URL.
 */
export const ACCESS_SUBGRAPH_URL = 'http://in-process.gateway.invalid/access';

let built: Promise<GraphQLSchema> | undefined;

/**
 * The access subgraph: API key management (admins only, `@Authorized`). Built once per process:
 * type-graphql's metadata is global, and the gateway builds no other type-graphql schema.
 */
export function buildAccessSchema(): Promise<GraphQLSchema> {
  built ??= buildFederatedSchema({ resolvers: [ApiKeyResolver] });
  return built;
}

/** The access subgraph's SDL, as composition reads it. */
export async function printAccessSdl(): Promise<string> {
  return printSubgraphSchema(await buildAccessSchema());
}
