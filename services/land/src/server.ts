import { buildFederatedSchema, createAuditLogResolver, createSubgraphServer, type SubgraphDependencies, type SubgraphServer } from '@azg/core';
import type { GraphQLSchema } from 'graphql';
import { createLoaders, type LandContext } from './context';
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

/** `landAuditLog`: every write to land plots, for admins. */
const LAND_AUDIT_LOG = createAuditLogResolver('landAuditLog', 'land');

/** The land subgraph's Federation 2 schema. Needs no database. */
export async function buildSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        IndustrialZoneResolver, LandPlotResolver, ZoneLandFigureResolver, IndustrialParkResolver,
        ProjectLandResolver, ProjectGroupLandResolver, IndustrialZoneNameResolver, IndustrialParkNameResolver, ProjectStatsBucketLandResolver,
        LandPlotWritesResolver, LAND_AUDIT_LOG,
      ],
      orphanedTypes: [
        IndustrialZone, LandPlot, ZoneLandFigure, IndustrialPark, ProjectReference, ProjectGroupReference, ProjectStatsBucketReference,
      ],
    },
    {
      IndustrialZone: industrialZoneReference,
      LandPlot: landPlotReference,
      IndustrialPark: industrialParkReference,
      Project: projectReference,
      ProjectGroup: projectGroupReference,
      ProjectStatsBucket: projectStatsBucketReference,
    },
  );
}

/** Builds the land subgraph's server around a data source; opens no port (call `listen`). */
export async function createServer(deps: SubgraphDependencies): Promise<SubgraphServer<LandContext>> {
  const schema = await buildSchema();
  return createSubgraphServer<LandContext>({
    schema,
    ...deps,
    createContext: (base) => ({ ...base, loaders: createLoaders(base.db) }),
  });
}
