import { createGroupLoader, createRowLoader, type SqlRunner } from '@azg/core';
import { LandPlotRepository } from './land-plot.repository';

/** Per-request loaders of land plots. */
export function createLandPlotLoaders(db: SqlRunner) {
  const plots = new LandPlotRepository(db);
  return {
    /** A plot by id; null for an id that names none. */
    landPlotById: createRowLoader((ids) => plots.findByIds(ids), (plot) => plot.id),
    /** The plots serving each project, [] for a project with none. */
    landPlotsByProjectId: createGroupLoader((projectIds) => plots.findByProjectIds(projectIds), (plot) => plot.projectId ?? ''),
  };
}

export type LandPlotLoaders = ReturnType<typeof createLandPlotLoaders>;
