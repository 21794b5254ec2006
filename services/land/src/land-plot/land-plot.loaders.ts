import { createGroupLoader, createRowLoader } from '@azg/core/database';
import { PageLoader } from '@azg/core/pagination';
import type { LandPlotFilter } from './land-plot.input';
import type { LandPlotRecord } from './land-plot.record';
import type { LandPlotRepository } from './land-plot.repository';

/** Per-request loaders of land plots, over the request's plot repository. */
export function createLandPlotLoaders(plots: LandPlotRepository) {
  return {
    /** A plot by id; null for an id that names none. */
    landPlotById: createRowLoader((ids) => plots.findByIds(ids), (plot) => plot.id),
    /** The plots serving each project, [] for a project with none. */
    landPlotsByProjectId: createGroupLoader((projectIds) => plots.findByProjectIds(projectIds), (plot) => plot.projectId ?? ''),
    /** A page of each zone's plots: every zone of a fetch asking alike, in one statement. */
    landPlotPagesByZoneId: new PageLoader<LandPlotFilter, LandPlotRecord>((zoneIds, request, filter) => plots.pagesByZone(zoneIds, request, filter)),
  };
}

export type LandPlotLoaders = ReturnType<typeof createLandPlotLoaders>;
