import { RequestDatabase, type SqlRunner } from '@azg/core/database';
import { area, AreaUnit, Qualifier } from '@azg/core/figures';
import { Language } from '@azg/core/i18n';
import { ANONYMOUS } from '@azg/core/identity';
import { CursorCodec, cursorSecret } from '@azg/core/pagination';
import { detachedRequestInfo } from '@azg/core/server';
import { execute, parse, type GraphQLSchema } from 'graphql';
import type { Context } from '../context';
import { LandPlotStatus } from '../land-plot/land-plot-status';
import { land } from '../subgraph';

const ZONE = { id: 'almaty-industrial-zone', name: 'Almaty Industrial Zone', nameKk: null, aliases: [], sources: [], names: { en: 'Almaty Industrial Zone' } };

const plotRow = (id: string, projectId: string) => ({
  record: {
    id, zoneId: ZONE.id, area: area('10', AreaUnit.HECTARE, Qualifier.AT_LEAST, '10 гектардан астам', []),
    status: LandPlotStatus.ALLOCATED, projectId, description: 'A plot.', sources: [],
  },
  zone: ZONE,
});

/** A database that answers every statement with `rows` and remembers what it was asked. */
function fakeDatabase(rows: unknown[]) {
  const statements: Array<{ sql: string; parameters: unknown[] }> = [];
  const runner: SqlRunner = {
    async query<Row>(sql: string, parameters: unknown[] = []) {
      statements.push({ sql, parameters });
      return rows as Row[];
    },
  };
  return { runner, statements };
}

async function run(schema: GraphQLSchema, runner: SqlRunner, source: string, variableValues?: Record<string, unknown>) {
  const db = new RequestDatabase(runner as never);
  const contextValue: Context = land.createContext({ db, reportSqlStats: false, cursors: new CursorCodec(cursorSecret()), language: Language.KK, request: detachedRequestInfo(), identity: ANONYMOUS });
  const result = await execute({ schema, document: parse(source), contextValue, variableValues });
  return { result, statements: db.statements };
}

let schema: GraphQLSchema;

beforeAll(async () => {
  schema = await land.buildSchema();
});

describe('Project.landPlots', () => {
  it('loads the plots of every project of a fetch in one statement, answering in representation order', async () => {
    const database = fakeDatabase([plotRow('plot-b', 'project-b'), plotRow('plot-a', 'project-a')]);

    const { result, statements } = await run(schema, database.runner, `query ($representations: [_Any!]!) {
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

describe('ProjectGroup', () => {
  it('loads land figures and industrial parks of every group of a fetch in one statement', async () => {
    const database = fakeDatabase([
      { groupId: 'group-a', landFigures: [], industrialParks: [], reportedArea: null, itemizedArea: null },
      { groupId: 'group-b', landFigures: [], industrialParks: [], reportedArea: null, itemizedArea: null },
    ]);

    const { result, statements } = await run(schema, database.runner, `query ($representations: [_Any!]!) {
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

    const { result, statements } = await run(schema, database.runner, `query ($representations: [_Any!]!) {
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

describe('lookups by id', () => {
  it('refuses a malformed id with BAD_USER_INPUT before any SQL', async () => {
    const database = fakeDatabase([]);

    const { result, statements } = await run(schema, database.runner, '{ landPlot(id: "Not An Id") { id } }');

    expect(result.data).toEqual({ landPlot: null });
    expect(result.errors?.map((error) => error.extensions.code)).toEqual(['BAD_USER_INPUT']);
    expect(statements).toBe(0);
  });

  it('answers null for a well-formed id that names nothing', async () => {
    const database = fakeDatabase([]);

    const { result } = await run(schema, database.runner, '{ industrialZone(id: "no-such-zone") { id } industrialPark(id: "no-such-park") { id } }');

    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ industrialZone: null, industrialPark: null });
  });

  it('asks for the source\'s zone when no id is given', async () => {
    const database = fakeDatabase([]);

    await run(schema, database.runner, '{ industrialZone { id } }');

    expect(database.statements[0]!.parameters).toEqual([['almaty-industrial-zone']]);
  });
});
