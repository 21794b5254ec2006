import { area, AreaUnit, count, DateBound, partialDate, Qualifier } from '@azg/core/figures';
import type { GraphQLSchema } from 'graphql';
import type { IndustrialParkDocument } from '../industrial-park/industrial-park.record';
import type { LandPlotDocument } from '../land-plot/land-plot.record';
import { LandPlotStatus } from '../land-plot/land-plot.type';
import { land } from '../subgraph';
import { fakeDatabase, runOperation } from '../testing/fake-database';
import type { ZoneLandFigureDocument } from '../zone-land-figure/zone-land-figure.record';
import { toIndustrialZoneRecord, withZone, type IndustrialZoneDocument, type ZoneColumnsDocument } from './industrial-zone.record';

const ZONE_COLUMNS: ZoneColumnsDocument = {
  id: 'test-zone',
  name: 'Test Zone',
  nameKk: null,
  aliases: [{ text: 'ТА', paragraph: 1 }],
  sources: [],
  names: { en: 'Test Zone' },
};

const plot = (id: string): LandPlotDocument => ({
  id,
  zoneId: ZONE_COLUMNS.id,
  area: area('1', AreaUnit.HECTARE, Qualifier.EXACT, '1 га', []),
  status: LandPlotStatus.ALLOCATED,
  projectId: null,
  description: 'A plot.',
  sources: [],
  version: 1,
  parkId: null,
  allocatedOn: null,
  enteredBy: [],
  optimization: null,
  release: null,
});

const figure = (id: string, status: LandPlotStatus): ZoneLandFigureDocument => ({
  id,
  zoneId: ZONE_COLUMNS.id,
  status,
  area: area('2', AreaUnit.HECTARE, Qualifier.EXACT, '2 га', []),
  reason: 'A reason.',
  groupId: null,
  sources: [],
});

describe('a zone read with its children', () => {
  it('links every park back to the very same zone record, so following the link needs no SQL', () => {
    const park = (id: string): IndustrialParkDocument => ({
      id, zoneId: ZONE_COLUMNS.id, name: 'Parks', nameKk: null, parkCount: count(5, Qualifier.EXACT, '5', []),
      smeProductionSpace: area('22000', AreaUnit.SQUARE_METRE, Qualifier.EXACT, '22 мың шаршы метр', []),
      plannedOpening: partialDate('2021', DateBound.IN, '2021', []), groupId: 'parks', sources: [], names: { en: 'Parks' },
    });
    const document: IndustrialZoneDocument = { ...ZONE_COLUMNS, landFigures: [figure('given', LandPlotStatus.ALLOCATED)], industrialParks: [park('a'), park('b')] };

    const zone = toIndustrialZoneRecord(document);

    expect(zone.children?.industrialParks.map((child) => child.id)).toEqual(['a', 'b']);
    for (const child of zone.children!.industrialParks) expect(child.zone).toBe(zone);
    expect(zone.children?.landFigures.map((child) => child.id)).toEqual(['given']);
    expect(zone).not.toHaveProperty('industrialParks');
  });
});

describe('a plot read with its zone\'s own columns', () => {
  it('carries a zone whose children are left to be loaded', () => {
    const record = withZone({ record: plot('a'), zone: ZONE_COLUMNS });

    expect(record.id).toBe('a');
    expect(record.zone).toEqual({ ...ZONE_COLUMNS, children: null });
  });
});

describe('lookups by id', () => {
  let schema: GraphQLSchema;

  beforeAll(async () => {
    schema = await land.buildSchema();
  });

  it('answers null for a well-formed id that names nothing', async () => {
    const database = fakeDatabase([]);

    const { result } = await runOperation(schema, database.runner, '{ industrialZone(id: "no-such-zone") { id } industrialPark(id: "no-such-park") { id } }');

    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ industrialZone: null, industrialPark: null });
  });

  it('asks for the source\'s zone when no id is given', async () => {
    const database = fakeDatabase([]);

    await runOperation(schema, database.runner, '{ industrialZone { id } }');

    expect(database.statements[0]!.parameters).toEqual([['almaty-industrial-zone']]);
  });
});
