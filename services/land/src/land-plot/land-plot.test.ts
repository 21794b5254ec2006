import type { GraphQLSchema } from 'graphql';
import { land } from '../subgraph';
import { fakeDatabase, runOperation } from '../testing/fake-database';

let schema: GraphQLSchema;

beforeAll(async () => {
  schema = await land.buildSchema();
});

describe('landPlot', () => {
  it('refuses a malformed id with BAD_USER_INPUT before any SQL', async () => {
    const database = fakeDatabase([]);

    const { result, statements } = await runOperation(schema, database.runner, '{ landPlot(id: "Not An Id") { id } }');

    expect(result.data).toEqual({ landPlot: null });
    expect(result.errors?.map((error) => error.extensions.code)).toEqual(['BAD_USER_INPUT']);
    expect(statements).toBe(0);
  });
});
