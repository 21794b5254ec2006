import { Supergraph } from '@apollo/federation-internals';
import { printSchema, type GraphQLSchema } from 'graphql';
import { withDeferDirective } from './defer/defer-operation';

/**
 * The client-facing schema of a supergraph: what a client can query, with the federation
 * machinery (join__ and link__ types, @join__ directives, `_entities`, `_service`, anything
 * @inaccessible) taken out, and `@defer` added, which the gateway serves (see defer/). Frontend
 * code generation reads this, and so does the playground.
 */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return withDeferDirective(Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema());
}

/** The API schema as SDL, as `schema/api.graphql` holds it. */
export function printApiSchema(supergraphSdl: string): string {
  return `${printSchema(apiSchemaOf(supergraphSdl))}\n`;
}
