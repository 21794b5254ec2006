import { registerEnumType } from 'type-graphql';

/** What happened to a piece of the zone's land, as the document reports it. */
export enum LandPlotStatus {
  ALLOCATED = 'ALLOCATED',
  OPTIMIZED = 'OPTIMIZED',
  RELEASED = 'RELEASED',
}

/** The statuses in the order the document reports them (P3: given, optimized, freed); lists sort by it. */
export const LAND_PLOT_STATUS_ORDER: readonly LandPlotStatus[] = [
  LandPlotStatus.ALLOCATED,
  LandPlotStatus.OPTIMIZED,
  LandPlotStatus.RELEASED,
];

registerEnumType(LandPlotStatus, {
  name: 'LandPlotStatus',
  description: 'What happened to a piece of the Industrial Zone\'s land, as the source reports it.',
  valuesConfig: {
    ALLOCATED: { description: 'Allocated (given) to an investor for a project (бөлінген, берілді).' },
    OPTIMIZED: { description: 'A plot that was used inefficiently and has been put to better use (оңтайландырылды).' },
    RELEASED: { description: 'Freed for other use, e.g. by removing a stalled project from the zone\'s portfolio (босатылды).' },
  },
});
