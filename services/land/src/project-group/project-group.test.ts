import type { GraphQLSchema } from 'graphql';
import { land } from '../subgraph';
import { fakeDatabase, runOperation } from '../testing/fake-database';

let schema: GraphQLSchema;

beforeAll(async () => {
  schema = await land.buildSchema();
});

describe('ProjectGroup', () => {
  it('loads land figures and industrial parks of every group of a fetch in one statement', async () => {
    const database = fakeDatabase([
      { groupId: 'group-a', landFigures: [], industrialParks: [], reportedArea: null, itemizedArea: null },
      { groupId: 'group-b', landFigures: [], industrialParks: [], reportedArea: null, itemizedArea: null },
    ]);

    const { result, statements } = await runOperation(schema, database.runner, `query ($representations: [_Any!]!) {
      _entities(representations: $representations) { ... on ProjectGroup { id landFigures { id } industrialParks { id } } }
    }`, { representations: ['group-a', 'group-b'].map((id) => ({ __typename: 'ProjectGroup', id })) });

    expect(result.errors).toBeUndefined();
    expect(statements).toBe(1);
    expect(JSON.parse(database.statements[0]!.parameters[0] as string)).toEqual([
      { groupId: 'group-a', memberIds: null },
      { groupId: 'group-b', memberIds: null },
    ]);
  });

  it('answers land figures, reported and itemized land of groups with their members in the same one statement', async () => {
    const area = (hectares: string) => ({ hectares, qualifier: 'EXACT', knownCount: 1, unknownCount: 0 });
    const database = fakeDatabase([
      { groupId: 'group-a', landFigures: [], industrialParks: [], reportedArea: area('185'), itemizedArea: area('10') },
    ]);

    const { result, statements } = await runOperation(schema, database.runner, `query ($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on ProjectGroup { id landFigures { id } reportedLandArea { hectares } itemizedLandArea { hectares } landAreaDifference { hectares qualifier } }
      }
    }`, { representations: [{ __typename: 'ProjectGroup', id: 'group-a', memberIds: ['project-a', 'project-b'] }] });

    expect(result.errors).toBeUndefined();
    expect(statements).toBe(1);
    expect(JSON.parse(database.statements[0]!.parameters[0] as string)).toEqual([{ groupId: 'group-a', memberIds: ['project-a', 'project-b'] }]);
    expect(result.data).toEqual({ _entities: [{
      id: 'group-a', landFigures: [], reportedLandArea: { hectares: '185' }, itemizedLandArea: { hectares: '10' },
      landAreaDifference: { hectares: '175', qualifier: 'EXACT' },
    }] });
  });
});
