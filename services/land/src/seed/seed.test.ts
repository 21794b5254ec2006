import type { SqlRunner } from '@azg/core/database';
import { INDUSTRIAL_PARKS, LAND_PLOTS, ZONE, ZONE_LAND_FIGURES } from './land.facts';
import { seed, toLandRows } from './seed';

const RECORD_ID = /^[a-z0-9][a-z0-9-]{0,99}$/;

/** Answers every upsert with one returned row per row it was given, as if each were new. */
function recordingRunner() {
  const statements: Array<{ sql: string; parameters: unknown[] }> = [];
  const runner: SqlRunner = {
    async query<Row>(sql: string, parameters: unknown[] = []) {
      statements.push({ sql, parameters });
      const columns = /\(([^)]*)\) VALUES/.exec(sql)![1]!.split(',').length;
      return Array.from({ length: parameters.length / columns }, () => ({})) as Row[];
    },
  };
  return { runner, statements };
}

describe('the land facts as table rows', () => {
  const rows = toLandRows();

  it('has one row per fact, each table\'s rows with the same columns and no timestamps', () => {
    expect(rows['land.industrial_zone']).toHaveLength(1);
    expect(rows['land.land_plot']).toHaveLength(LAND_PLOTS.length);
    expect(rows['land.zone_land_figure']).toHaveLength(ZONE_LAND_FIGURES.length);
    expect(rows['land.industrial_park']).toHaveLength(INDUSTRIAL_PARKS.length);
    for (const tableRows of Object.values(rows)) {
      const columns = Object.keys(tableRows[0]!);
      for (const row of tableRows) expect(Object.keys(row)).toEqual(columns);
      expect(columns).not.toContain('created_at');
      expect(columns).not.toContain('updated_at');
    }
  });

  it('stores figures whole, in their GraphQL shape with their sources', () => {
    const valtherm = rows['land.land_plot'].find((row) => row.id === 'valtherm-plot')!;
    expect(valtherm.area).toEqual({
      value: '10', unit: 'HECTARE', hectares: '10', qualifier: 'AT_LEAST', stated: '10 гектардан астам',
      sources: [expect.objectContaining({ paragraph: 5, quote: 'Индустриалды аймақтағы 10 гектардан астам алқап' })],
    });
    const parks = rows['land.industrial_park'][0]!;
    expect(parks.sme_production_space).toMatchObject({ value: '22000', unit: 'SQUARE_METRE', hectares: '2.2' });
    expect(parks.planned_opening).toMatchObject({ year: 2021, precision: 'YEAR', bound: 'IN' });
    expect(rows['land.industrial_zone'][0]!.aliases).toEqual(ZONE.aliases);
  });

  it('uses ids the tables\' checks accept, and keeps other services\' ids as plain text', () => {
    for (const tableRows of Object.values(rows)) for (const row of tableRows) expect(row.id).toMatch(RECORD_ID);
    expect(rows['land.land_plot'].map((row) => row.project_id)).toEqual(['valtherm-radiator-plant']);
    expect(rows['land.zone_land_figure'].map((row) => row.group_id))
      .toEqual(['council-supported-projects', null, 'removed-from-portfolio']);
  });
});

describe('seed', () => {
  it('writes the zone before the rows that refer to it, one statement per table, and counts what changed', async () => {
    const { runner, statements } = recordingRunner();

    const changed = await seed(runner);

    expect(statements.map((statement) => /INSERT INTO (\S+)/.exec(statement.sql)![1]))
      .toEqual(['"land"."industrial_zone"', '"land"."land_plot"', '"land"."zone_land_figure"', '"land"."industrial_park"']);
    expect(changed).toBe(1 + LAND_PLOTS.length + ZONE_LAND_FIGURES.length + INDUSTRIAL_PARKS.length);
  });

  it('leaves identical rows alone, so a second run reports no change', async () => {
    const { runner, statements } = recordingRunner();

    await seed(runner);

    for (const statement of statements) expect(statement.sql).toMatch(/WHERE (t\.version = 1 AND )?\(.*\) IS DISTINCT FROM \(.*\)/);
  });

  it('leaves a plot an editor has written (version past 1) as they left it, so a restart keeps their optimization or release', async () => {
    const { runner, statements } = recordingRunner();

    await seed(runner);

    const plots = statements.find((statement) => statement.sql.includes('"land"."land_plot"'))!;
    expect(plots.sql).toContain('WHERE t.version = 1 AND');
    const zones = statements.find((statement) => statement.sql.includes('"land"."industrial_zone"'))!;
    expect(zones.sql).not.toContain('t.version');
  });
});
