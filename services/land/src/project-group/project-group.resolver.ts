import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { LandContext } from '../context';
import { IndustrialPark } from '../industrial-park/industrial-park.type';
import { ZoneLandFigure } from '../zone-land-figure/zone-land-figure.type';
import { ProjectGroupReference } from './project-group.type';

@Resolver(() => ProjectGroupReference)
export class ProjectGroupLandResolver {
  @FieldResolver(() => [ZoneLandFigure], {
    nullable: true,
    description: 'The zone land figures the source ties to the group (e.g. the 156 ha freed by removing its projects); empty when none. Null only when the land subgraph cannot answer (the rest of the response still arrives).',
  })
  async landFigures(@Root() group: ProjectGroupReference, @Ctx() context: LandContext) {
    return (await context.loaders.projectGroupLandById.load(group.id))?.landFigures ?? [];
  }

  @FieldResolver(() => [IndustrialPark], { nullable: true, description: 'The industrial parks the group\'s figures are reported for, by id; empty when none. Null only when the land subgraph cannot answer (the rest of the response still arrives).' })
  async industrialParks(@Root() group: ProjectGroupReference, @Ctx() context: LandContext) {
    return (await context.loaders.projectGroupLandById.load(group.id))?.industrialParks ?? [];
  }
}
