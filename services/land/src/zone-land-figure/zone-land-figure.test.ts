import { area, AreaUnit, Qualifier } from '@azg/core/figures';
import { LandPlotStatus } from '../land-plot/land-plot.type';
import { figuresWithStatus, type ZoneLandFigureDocument } from './zone-land-figure.record';

const figure = (id: string, status: LandPlotStatus): ZoneLandFigureDocument => ({
  id,
  zoneId: 'test-zone',
  status,
  area: area('2', AreaUnit.HECTARE, Qualifier.EXACT, '2 га', []),
  reason: 'A reason.',
  groupId: null,
  sources: [],
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
