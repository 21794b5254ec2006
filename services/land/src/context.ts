import type { SqlRunner, SubgraphContext } from '@azg/core';
import { createIndustrialParkLoaders, type IndustrialParkLoaders } from './industrial-park/industrial-park.loaders';
import { createIndustrialZoneLoaders, type IndustrialZoneLoaders } from './industrial-zone/industrial-zone.loaders';
import { createLandPlotLoaders, type LandPlotLoaders } from './land-plot/land-plot.loaders';
import { createProjectGroupLoaders, type ProjectGroupLoaders } from './project-group/project-group.loaders';
import { createProjectStatsBucketLoaders, type ProjectStatsBucketLoaders } from './project-stats-bucket/project-stats-bucket.loaders';

/** Every DataLoader of one request; they cache for that request only. */
export type LandLoaders = IndustrialZoneLoaders & LandPlotLoaders & IndustrialParkLoaders & ProjectGroupLoaders & ProjectStatsBucketLoaders;

/** The land subgraph's request context: core's (the counting database handle) plus its loaders. */
export type LandContext = SubgraphContext & { loaders: LandLoaders };

/** Builds a request's loaders over its database handle, so their statements are counted with the request. */
export function createLoaders(db: SqlRunner): LandLoaders {
  return {
    ...createIndustrialZoneLoaders(db),
    ...createLandPlotLoaders(db),
    ...createIndustrialParkLoaders(db),
    ...createProjectGroupLoaders(db),
    ...createProjectStatsBucketLoaders(db),
  };
}
