import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { Kind, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { NO_PUB_SUB } from '../changes/change-subscription';
import { permissionAuthChecker } from '../identity/identity';

/** The Federation 2 directives every subgraph may use. */
const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])`;

/**
 * The description of the root query type. type-graphql gives `Query` none; every subgraph gives
 * it this same one, so composition keeps it without a hint and the API schema documents it.
 */
export const QUERY_DESCRIPTION = 'The entry points of the Almaty Zone Graph: look up a record by id, or list records. Each subgraph contributes its own.';

/** The description of the root mutation type, the same in every subgraph that takes writes (see QUERY_DESCRIPTION). */
export const MUTATION_DESCRIPTION = 'The writes of the Almaty Zone Graph, each in the subgraph that owns the data: editors only, each in one transaction, versioned, idempotent with a key, and recorded in its subgraph\'s audit log.';

/** The description of the root subscription type, the same in every subgraph that declares subscriptions (see QUERY_DESCRIPTION). */
export const SUBSCRIPTION_DESCRIPTION = 'Live answers, served by the gateway over WebSocket (graphql-ws) at its URL and server-sent events at /graphql/stream: '
  + 'each event is a committed write, and its record is read through the whole graph when the event is delivered, with the subscriber\'s own access.';

const ROOT_DESCRIPTIONS: Record<string, string> = { Query: QUERY_DESCRIPTION, Mutation: MUTATION_DESCRIPTION, Subscription: SUBSCRIPTION_DESCRIPTION };

/** Gives the root `Query`, `Mutation` and `Subscription` types their descriptions when the type-graphql schema left them without one. */
function describeQuery(document: DocumentNode): DocumentNode {
  return {
    ...document,
    definitions: document.definitions.map((definition) =>
      definition.kind === Kind.OBJECT_TYPE_DEFINITION && ROOT_DESCRIPTIONS[definition.name.value] && !definition.description
        ? { ...definition, description: { kind: Kind.STRING, value: ROOT_DESCRIPTIONS[definition.name.value]!, block: true } }
        : definition),
  };
}

/** `__resolveReference` of each entity this subgraph can resolve, by type name. */
export type ReferenceResolvers = Record<string, { __resolveReference: (reference: any, context: any, info: any) => unknown }>;

/**
 * Builds a type-graphql schema and turns it into an Apollo Federation 2 subgraph schema: the
 * printed SDL (with `@key`, `@shareable` and friends from `@Directive`) becomes the subgraph's
 * type definitions, and type-graphql's resolvers plus the reference resolvers its resolvers.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: ReferenceResolvers = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({ authChecker: permissionAuthChecker, pubSub: NO_PUB_SUB, ...options, skipCheck: true });
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...reference };
  }
  return buildSubgraphSchema({
    typeDefs: describeQuery(parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`)),
    resolvers: resolvers as Parameters<typeof buildSubgraphSchema>[0] extends { resolvers?: infer R } ? R : never,
  });
}

/** Prints a subgraph schema's SDL as composition reads it (re-exported so services need not depend on @apollo/subgraph). */
export { printSubgraphSchema } from '@apollo/subgraph';
