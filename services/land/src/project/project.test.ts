import { area, AreaUnit, Qualifier } from '@azg/core/figures';
import type { GraphQLSchema } from 'graphql';
import { LandPlotStatus } from '../land-plot/land-plot.type';
import { land } from '../subgraph';
import { fakeDatabase, runOperation } from '../testing/fake-database';

const ZONE = { id: 'almaty-industrial-zone', name: 'Almaty Industrial Zone', nameKk: null, aliases: [], sources: [], names: { en: 'Almaty Industrial Zone' } };

const plotRow = (id: string, projectId: string) => ({
  record: {
    id, zoneId: ZONE.id, area: area('10', AreaUnit.HECTARE, Qualifier.AT_LEAST, '10 гектардан астам', []),
    status: LandPlotStatus.ALLOCATED, projectId, description: 'A plot.', sources: [],
  },
  zone: ZONE,
});

let schema: GraphQLSchema;

beforeAll(async () => {
  schema = await land.buildSchema();
});

describe('Project.landPlots', () => {
  it('loads the plots of every project of a fetch in one statement, answering in representation order', async () => {
    const database = fakeDatabase([plotRow('plot-b', 'project-b'), plotRow('plot-a', 'project-a')]);

    const { result, statements } = await runOperation(schema, database.runner, `query ($representations: [_Any!]!) {
      _entities(representations: $representations) { ... on Project { id landPlots { id zone { name } } } }
    }`, {
      representations: ['project-a', 'project-none', 'project-b', 'project-a'].map((id) => ({ __typename: 'Project', id })),
    });

    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        { id: 'project-a', landPlots: [{ id: 'plot-a', zone: { name: ZONE.name } }] },
        { id: 'project-none', landPlots: [] },
        { id: 'project-b', landPlots: [{ id: 'plot-b', zone: { name: ZONE.name } }] },
        { id: 'project-a', landPlots: [{ id: 'plot-a', zone: { name: ZONE.name } }] },
      ],
    });
    expect(statements).toBe(1);
    expect(database.statements[0]!.sql).toMatch(/plot\.project_id = ANY\(\$1::text\[\]\)/);
    expect(database.statements[0]!.parameters).toEqual([['project-a', 'project-none', 'project-b']]);
  });
});
