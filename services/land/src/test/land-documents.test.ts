import { area, AreaUnit, count, DateBound, partialDate, Qualifier } from '@azg/core/figures';
import {
  figuresWithStatus, toIndustrialZoneRecord, withZone,
  type IndustrialParkDocument, type IndustrialZoneDocument, type LandPlotDocument, type ZoneColumnsDocument, type ZoneLandFigureDocument,
} from '../land-documents';
import { LandPlotStatus } from '../land-plot/land-plot-status';

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

describe('figuresWithStatus', () => {
  const figures = [
    figure('given', LandPlotStatus.ALLOCATED),
    figure('optimized', LandPlotStatus.OPTIMIZED),
    figure('freed', LandPlotStatus.RELEASED),
  ];

  it('keeps every figure, in order, when no status is asked for', () => {
    expect(figuresWithStatus(figures, undefined).map((each) => each.id)).toEqual(['given', 'optimized', 'freed']);
    expect(figuresWithStatus(figures, null).map((each) => each.id)).toEqual(['given', 'optimized', 'freed']);
  });

  it('keeps only the figures of the status asked for', () => {
    expect(figuresWithStatus(figures, LandPlotStatus.RELEASED).map((each) => each.id)).toEqual(['freed']);
  });
});
