import type { SqlRunner } from '@azg/core/database';
import type { ServiceContext } from '@azg/core/server';
import type { WriteTransaction } from '@azg/core/writes';
import { createIndustrialParkLoaders } from './industrial-park/industrial-park.loaders';
import { IndustrialParkRepository } from './industrial-park/industrial-park.repository';
import { createIndustrialZoneLoaders } from './industrial-zone/industrial-zone.loaders';
import { IndustrialZoneRepository } from './industrial-zone/industrial-zone.repository';
import { LandPlotWriteRepository } from './land-plot/land-plot-write.repository';
import { createLandPlotLoaders } from './land-plot/land-plot.loaders';
import { LandPlotRepository } from './land-plot/land-plot.repository';
import { createProjectGroupLoaders } from './project-group/project-group.loaders';
import { ProjectGroupLandRepository } from './project-group/project-group.repository';
import { createProjectStatsBucketLoaders } from './project-stats-bucket/project-stats-bucket.loaders';
import { ProjectStatsBucketLandRepository } from './project-stats-bucket/project-stats-bucket.repository';
import { ZoneLandFigureRepository } from './zone-land-figure/zone-land-figure.repository';

/** The land subgraph's repositories for one request: the only code here that writes SQL. */
export function createRepositories(db: SqlRunner) {
  return {
    industrialZones: new IndustrialZoneRepository(db),
    landPlots: new LandPlotRepository(db),
    industrialParks: new IndustrialParkRepository(db),
    zoneLandFigures: new ZoneLandFigureRepository(db),
    projectGroups: new ProjectGroupLandRepository(db),
    projectStatsBuckets: new ProjectStatsBucketLandRepository(db),
    /** The plot writes, over the transaction `runWrite` opens for one mutation. */
    landPlotWrite: (tx: WriteTransaction) => new LandPlotWriteRepository(tx),
  };
}
export type LandRepositories = ReturnType<typeof createRepositories>;

/** The land subgraph's DataLoaders for one request, over its repositories; they cache for that request only. */
export function createLoaders(repositories: LandRepositories) {
  return {
    ...createIndustrialZoneLoaders(repositories.industrialZones),
    ...createLandPlotLoaders(repositories.landPlots),
    ...createIndustrialParkLoaders(repositories.industrialParks),
    ...createProjectGroupLoaders(repositories.projectGroups),
    ...createProjectStatsBucketLoaders(repositories.projectStatsBuckets),
  };
}
export type LandLoaders = ReturnType<typeof createLoaders>;

/** One request's context in the land subgraph: core's part, its loaders and its repositories. */
export type Context = ServiceContext<LandLoaders, LandRepositories>;
