import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { LandPlot } from '../land-plot/land-plot.type';
import { ProjectReference } from './project.reference';

@Resolver(() => ProjectReference)
export class ProjectLandResolver {
  @FieldResolver(() => [LandPlot], { nullable: true, description: 'The land plots serving the project, by id; empty when the source describes none. Null only when the land subgraph cannot answer (the rest of the response still arrives).' })
  landPlots(@Root() project: ProjectReference, @Ctx() context: Context) {
    return context.loaders.landPlotsByProjectId.load(project.id);
  }
}
