import type { GraphQLSchema } from 'graphql';
import { projects } from '../subgraph';
import { runRecorded } from '../testing/recording-database';

describe('a company\'s projects', () => {
  let schema: GraphQLSchema;

  beforeAll(async () => {
    schema = await projects.buildSchema();
  });

  it('reads every company\'s page of projects in one statement', async () => {
    const { result, statements } = await runRecorded(schema, `query ($representations: [_Any!]!) {
      _entities(representations: $representations) { ... on Company { projects(first: 3) { nodes { id } } } }
    }`, { representations: [{ __typename: 'Company', id: 'almerek' }, { __typename: 'Company', id: 'kmk-investment' }] });
    expect(result.errors).toBeUndefined();
    expect(statements).toHaveLength(1);
    expect(statements[0]!.parameters).toEqual([['almerek', 'kmk-investment'], 4]);
  });
});
