// Import order is type-graphql's registration order, and so the order of the printed SDL in
// schema/: a reordering shows up as a diff there (npm run schema), not as a change of the API.
import { defineSubgraph } from '@azg/core/server';
import { createAuditLogResolver } from '@azg/core/writes';
import { seed } from './seed/seed';
import { SYNTHETIC_TABLES } from './seed/synthetic';
import { createLoaders, createRepositories } from './context';
import { IndustrialParkNameResolver } from './industrial-park/industrial-park-name.resolver';
import { industrialParkReference } from './industrial-park/industrial-park.reference';
import { IndustrialParkResolver } from './industrial-park/industrial-park.resolver';
import { IndustrialPark } from './industrial-park/industrial-park.type';
import { IndustrialZoneNameResolver } from './industrial-zone/industrial-zone-name.resolver';
import { industrialZoneReference } from './industrial-zone/industrial-zone.reference';
import { IndustrialZoneResolver } from './industrial-zone/industrial-zone.resolver';
import { IndustrialZone } from './industrial-zone/industrial-zone.type';
import { landPlotReference } from './land-plot/land-plot.reference';
import { LandPlotWritesResolver } from './land-plot/land-plot-writes.resolver';
import { LandPlotResolver } from './land-plot/land-plot.resolver';
import { LandPlot } from './land-plot/land-plot.type';
import { projectGroupReference } from './project-group/project-group.reference';
import { ProjectGroupLandResolver } from './project-group/project-group.resolver';
import { ProjectGroupReference } from './project-group/project-group.type';
import { projectStatsBucketReference } from './project-stats-bucket/project-stats-bucket.reference';
import { ProjectStatsBucketLandResolver } from './project-stats-bucket/project-stats-bucket.resolver';
import { ProjectStatsBucketReference } from './project-stats-bucket/project-stats-bucket.type';
import { projectReference } from './project/project.reference';
import { ProjectLandResolver } from './project/project.resolver';
import { ProjectReference } from './project/project.type';
import { ZoneLandFigureResolver } from './zone-land-figure/zone-land-figure.resolver';
import { ZoneLandFigure } from './zone-land-figure/zone-land-figure.type';
import { MIGRATIONS } from './migrations';

/** The land subgraph: the zone, its land figures, plots and industrial parks, and the land of projects and groups. */
export const land = defineSubgraph({
  name: 'land',
  resolvers: [
    IndustrialZoneResolver, LandPlotResolver, ZoneLandFigureResolver, IndustrialParkResolver,
    ProjectLandResolver, ProjectGroupLandResolver, IndustrialZoneNameResolver, IndustrialParkNameResolver, ProjectStatsBucketLandResolver,
    LandPlotWritesResolver, createAuditLogResolver('landAuditLog', 'land'),
  ],
  orphanedTypes: [
    IndustrialZone, LandPlot, ZoneLandFigure, IndustrialPark, ProjectReference, ProjectGroupReference, ProjectStatsBucketReference,
  ],
  references: {
    IndustrialZone: industrialZoneReference,
    LandPlot: landPlotReference,
    IndustrialPark: industrialParkReference,
    Project: projectReference,
    ProjectGroup: projectGroupReference,
    ProjectStatsBucket: projectStatsBucketReference,
  },
  loaders: createLoaders,
  repositories: createRepositories,
  migrations: MIGRATIONS,
  seed,
  syntheticTables: SYNTHETIC_TABLES,
});
