import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { LandContext } from '../context';
import { LandPlot } from '../land-plot/land-plot.type';
import { ProjectReference } from './project.type';

@Resolver(() => ProjectReference)
export class ProjectLandResolver {
  @FieldResolver(() => [LandPlot], { description: 'The land plots serving the project, by id; empty when the source describes none.' })
  landPlots(@Root() project: ProjectReference, @Ctx() context: LandContext) {
    return context.loaders.landPlotsByProjectId.load(project.id);
  }
}
