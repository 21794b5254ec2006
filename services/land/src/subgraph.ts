import { defineSubgraph } from '@azg/core/server';
import { createAuditLogResolver } from '@azg/core/writes';
// Import order is type-graphql's registration order, and so the order of the printed SDL in
// schema/: the entity types come first, in the order schema/land.graphql prints them, so that
// what the other modules import cannot reorder them (a reordering would show as a diff there).
import { IndustrialPark } from './industrial-park/industrial-park.type';
import { IndustrialZone } from './industrial-zone/industrial-zone.type';
import { ProjectGroupReference } from './project-group/project-group.reference';
import { LandPlot } from './land-plot/land-plot.type';
import { ZoneLandFigure } from './zone-land-figure/zone-land-figure.type';
import { ProjectReference } from './project/project.reference';
import { ProjectStatsBucketReference } from './project-stats-bucket/project-stats-bucket.reference';
import { createLoaders, createRepositories } from './context';
import { IndustrialParkNameResolver } from './industrial-park/industrial-park-name.resolver';
import { industrialParkReference } from './industrial-park/industrial-park.reference';
import { IndustrialParkResolver } from './industrial-park/industrial-park.resolver';
import { IndustrialZoneNameResolver } from './industrial-zone/industrial-zone-name.resolver';
import { industrialZoneReference } from './industrial-zone/industrial-zone.reference';
import { IndustrialZoneResolver } from './industrial-zone/industrial-zone.resolver';
import { LandPlotWriteResolver } from './land-plot/land-plot-write.resolver';
import { landPlotReference } from './land-plot/land-plot.reference';
import { LandPlotResolver } from './land-plot/land-plot.resolver';
import { MIGRATIONS } from './migrations';
import { ProjectGroupLandResolver } from './project-group/project-group.resolver';
import { ProjectStatsBucketLandResolver } from './project-stats-bucket/project-stats-bucket.resolver';
import { ProjectLandResolver } from './project/project.resolver';
import { seed } from './seed/seed';
import { SYNTHETIC_TABLES } from './seed/synthetic';
import { ZoneLandFigureResolver } from './zone-land-figure/zone-land-figure.resolver';
import { LandPlotChangeResolver } from './land-plot/land-plot-change.resolver';

/** The land subgraph: the zone, its land figures, plots and industrial parks, and the land of projects and groups. */
export const land = defineSubgraph({
  name: 'land',
  resolvers: [
    IndustrialZoneResolver, LandPlotResolver, ZoneLandFigureResolver, IndustrialParkResolver,
    ProjectLandResolver, ProjectGroupLandResolver, IndustrialZoneNameResolver, IndustrialParkNameResolver, ProjectStatsBucketLandResolver,
    LandPlotWriteResolver, createAuditLogResolver('landAuditLog', 'land'), LandPlotChangeResolver,
  ],
  orphanedTypes: [
    IndustrialZone, LandPlot, ZoneLandFigure, IndustrialPark, ProjectReference, ProjectGroupReference, ProjectStatsBucketReference,
  ],
  references: {
    IndustrialZone: industrialZoneReference,
    LandPlot: landPlotReference,
    IndustrialPark: industrialParkReference,
  },
  loaders: createLoaders,
  repositories: createRepositories,
  migrations: MIGRATIONS,
  seed,
  syntheticTables: SYNTHETIC_TABLES,
});
