import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { LandPlotStatus } from '../land-plot/land-plot.type';
import { ProjectGroupReference } from '../project-group/project-group.reference';
import type { ZoneLandFigureRecord } from './zone-land-figure.record';
import { ZoneLandFigure } from './zone-land-figure.type';

@Resolver(() => ZoneLandFigure)
export class ZoneLandFigureResolver {
  @Query(() => [ZoneLandFigure], {
    description: 'The land figures the source reports for whole zones, in its order: given to investors, optimized, freed.',
  })
  zoneLandFigures(
    @Arg('status', () => LandPlotStatus, { nullable: true, description: 'Only the figures of this status; all when omitted.' })
    status: LandPlotStatus | null | undefined,
    @Ctx() context: Context,
  ): Promise<ZoneLandFigureRecord[]> {
    return context.repositories.zoneLandFigures.list(status ?? null);
  }

  @FieldResolver(() => ProjectGroupReference, {
    nullable: true,
    description: 'The project group the land belongs to (resolved by the projects subgraph), where the source ties them; null otherwise.',
  })
  group(@Root() figure: ZoneLandFigureRecord): ProjectGroupReference | null {
    return figure.groupId === null ? null : { id: figure.groupId };
  }
}
