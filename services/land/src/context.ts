import type { SqlRunner } from '@azg/core/database';
import type { ServiceContext } from '@azg/core/server';
import { createIndustrialParkLoaders } from './industrial-park/industrial-park.loaders';
import { IndustrialParkRepository } from './industrial-park/industrial-park.repository';
import { createIndustrialZoneLoaders } from './industrial-zone/industrial-zone.loaders';
import { IndustrialZoneRepository } from './industrial-zone/industrial-zone.repository';
import { createLandPlotLoaders } from './land-plot/land-plot.loaders';
import { LandPlotRepository } from './land-plot/land-plot.repository';
import { createProjectGroupLoaders } from './project-group/project-group.loaders';
import { createProjectStatsBucketLoaders } from './project-stats-bucket/project-stats-bucket.loaders';
import { ZoneLandFigureRepository } from './zone-land-figure/zone-land-figure.repository';

/** The land subgraph's DataLoaders for one request; they cache for that request only. */
export function createLoaders(db: SqlRunner) {
  return {
    ...createIndustrialZoneLoaders(db),
    ...createLandPlotLoaders(db),
    ...createIndustrialParkLoaders(db),
    ...createProjectGroupLoaders(db),
    ...createProjectStatsBucketLoaders(db),
  };
}
export type LandLoaders = ReturnType<typeof createLoaders>;

/** The land subgraph's repositories for one request: the only code here that writes SQL. */
export function createRepositories(db: SqlRunner) {
  return {
    zones: new IndustrialZoneRepository(db),
    plots: new LandPlotRepository(db),
    parks: new IndustrialParkRepository(db),
    zoneLandFigures: new ZoneLandFigureRepository(db),
  };
}
export type LandRepositories = ReturnType<typeof createRepositories>;

/** One request's context in the land subgraph: core's part, its loaders and its repositories. */
export type Context = ServiceContext<LandLoaders, LandRepositories>;
