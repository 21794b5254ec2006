import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse } from 'graphql';
import { cachePolicyPlugins } from './cache-policy';

/** A subgraph without hints, like the services': objects, lists, scalars, entities and a mutation. */
const schema = () => buildSubgraphSchema({
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type Query { project(id: ID!): Project, projects: [Project!]!, count: Int!, broken: Project }
    type Mutation { rename(id: ID!): Project }
    type Project @key(fields: "id") { id: ID!, name: String, company: Company }
    type Company { id: ID!, name: String }
  `),
  resolvers: {
    Query: {
      project: (_: unknown, { id }: { id: string }) => ({ id }),
      projects: () => [{ id: 'a' }, { id: 'b' }],
      count: () => 2,
      broken: () => {
        throw new GraphQLError('no', { extensions: { code: 'NOT_FOUND' } });
      },
    },
    Mutation: { rename: (_: unknown, { id }: { id: string }) => ({ id }) },
    Project: {
      __resolveReference: (reference: { id: string }) => reference,
      name: ({ id }: { id: string }) => `project ${id}`,
      company: ({ id }: { id: string }) => ({ id: `company of ${id}`, name: 'c' }),
    },
  } as never,
});

const OPERATIONS = [
  '{ project(id: "a") { id name company { id name } } }',
  '{ projects { id company { name } } }',
  '{ count }',
  '{ __typename }',
  '{ ... on Query { count } }',
  'query { ...Q } fragment Q on Query { __typename ... on Query { projects { id } } }',
  '{ __schema { queryType { name } } }',
  '{ broken { id } }',
  '{ count broken { id } }',
  '{ nothing }',
  'mutation { rename(id: "a") { id name } }',
  'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Project { name company { id } } } }',
];

async function headers(defaultMaxAge: number, dynamicHints: boolean): Promise<Array<string | undefined>> {
  const server = new ApolloServer({ schema: schema(), plugins: cachePolicyPlugins(defaultMaxAge, dynamicHints) });
  await server.start();
  try {
    const found: Array<string | undefined> = [];
    for (const query of OPERATIONS) {
      const response = await server.executeOperation({ query, variables: { r: [{ __typename: 'Project', id: 'a' }] } });
      found.push(response.http.headers.get('cache-control'));
    }
    return found;
  } finally {
    await server.stop();
  }
}

describe('the cache policy of a subgraph without hints', () => {
  it.each([0, 1, 300])('is the one Apollo\'s per-field plugin works out, with defaultMaxAge %i', async (maxAge) => {
    const worked = await headers(maxAge, true);
    expect(await headers(maxAge, false)).toEqual(worked);
    // Not vacuous: clean answers are cacheable when maxAge > 0, answers with errors never.
    expect(worked[0]).toBe(maxAge > 0 ? `max-age=${maxAge}, public` : 'no-store');
    expect(worked[3]).toBe('no-store');
    expect(worked[7]).toBe('no-store');
  });
});
