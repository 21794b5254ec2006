import { AreaUnit, Qualifier, area } from '@azg/core';
import {
  figuresWithStatus, toIndustrialZoneRecord, withZone,
  type IndustrialZoneDocument, type LandPlotDocument, type ZoneColumnsDocument, type ZoneLandFigureDocument,
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
  it('links every plot and park back to the very same zone record, so following the link needs no SQL', () => {
    const document: IndustrialZoneDocument = { ...ZONE_COLUMNS, landPlots: [plot('a'), plot('b')], landFigures: [], industrialParks: [] };

    const zone = toIndustrialZoneRecord(document);

    expect(zone.children?.landPlots.map((child) => child.id)).toEqual(['a', 'b']);
    for (const child of zone.children!.landPlots) expect(child.zone).toBe(zone);
    expect(zone).not.toHaveProperty('landPlots');
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
