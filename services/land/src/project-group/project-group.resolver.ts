import { AreaDifference, AreaSum, difference } from '@azg/core/figures';
import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { IndustrialPark } from '../industrial-park/industrial-park.type';
import { ZoneLandFigure } from '../zone-land-figure/zone-land-figure.type';
import type { ProjectGroupLandRecord } from './project-group.record';
import { ProjectGroupReference } from './project-group.reference';

/** Everything land holds for the group; the members come along when the representation carries them. */
function landOf(group: ProjectGroupReference, context: Context): Promise<ProjectGroupLandRecord> {
  return context.loaders.projectGroupLand.load({ groupId: group.id, memberIds: group.memberIds ?? null });
}

@Resolver(() => ProjectGroupReference)
export class ProjectGroupLandResolver {
  @FieldResolver(() => [ZoneLandFigure], {
    nullable: true,
    description: 'The zone land figures the source ties to the group (e.g. the 156 ha freed by removing its projects); empty when none. Null only when the land subgraph cannot answer (the rest of the response still arrives).',
  })
  async landFigures(@Root() group: ProjectGroupReference, @Ctx() context: Context) {
    return (await landOf(group, context)).landFigures;
  }

  @FieldResolver(() => [IndustrialPark], { nullable: true, description: 'The industrial parks the group\'s figures are reported for, by id; empty when none. Null only when the land subgraph cannot answer (the rest of the response still arrives).' })
  async industrialParks(@Root() group: ProjectGroupReference, @Ctx() context: Context) {
    return (await landOf(group, context)).industrialParks;
  }

  @FieldResolver(() => AreaSum, {
    nullable: true,
    description: 'The land the source reports for the group: its `landFigures` summed, in hectares. Null when it reports none (or when the land subgraph cannot answer).',
  })
  async reportedLandArea(@Root() group: ProjectGroupReference, @Ctx() context: Context): Promise<AreaSum | null> {
    return (await landOf(group, context)).reportedArea;
  }

  @Directive('@requires(fields: "memberIds")')
  @FieldResolver(() => AreaSum, {
    nullable: true,
    description: 'The land plots the source ties to the group\'s named members, summed in hectares, to set against `reportedLandArea`; '
      + 'members with no known plot are counted in `unknownCount`. Null only when the land subgraph cannot answer.',
  })
  async itemizedLandArea(@Root() group: ProjectGroupReference, @Ctx() context: Context): Promise<AreaSum | null> {
    return (await landOf(group, context)).itemizedArea;
  }

  @Directive('@requires(fields: "memberIds")')
  @FieldResolver(() => AreaDifference, {
    nullable: true,
    description: 'The reported land minus the members\' own plots (`reportedLandArea` minus `itemizedLandArea`): land the source reports that no named member accounts for. '
      + 'Null when no land is reported for the group, or the qualifiers leave the difference unbounded.',
  })
  async landAreaDifference(@Root() group: ProjectGroupReference, @Ctx() context: Context): Promise<AreaDifference | null> {
    const { reportedArea, itemizedArea } = await landOf(group, context);
    if (itemizedArea === null) return null;
    const result = difference(
      reportedArea && { value: reportedArea.hectares, qualifier: reportedArea.qualifier },
      { value: itemizedArea.hectares, qualifier: itemizedArea.qualifier },
    );
    return result && { hectares: result.value, qualifier: result.qualifier };
  }
}
