import { assertRecordId } from '@azg/core';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { LandContext } from '../context';
import { IndustrialZone } from '../industrial-zone/industrial-zone.type';
import type { LandPlotRecord } from '../land-documents';
import { ProjectReference } from '../project/project.type';
import { LandPlotStatus } from './land-plot-status';
import { LandPlotRepository } from './land-plot.repository';
import { LandPlot } from './land-plot.type';

@Resolver(() => LandPlot)
export class LandPlotResolver {
  @Query(() => LandPlot, { nullable: true, description: 'A land plot by id; null when no plot has the id.' })
  landPlot(
    @Arg('id', () => ID, { description: 'The plot\'s record id, e.g. "valtherm-plot".' }) id: string,
    @Ctx() context: LandContext,
  ): Promise<LandPlotRecord | null> {
    return context.loaders.landPlotById.load(assertRecordId(id));
  }

  @Query(() => [LandPlot], { description: 'Every land plot the source describes on its own, by id.' })
  landPlots(
    @Arg('status', () => LandPlotStatus, { nullable: true, description: 'Only the plots of this status; all when omitted.' })
    status: LandPlotStatus | null | undefined,
    @Ctx() context: LandContext,
  ): Promise<LandPlotRecord[]> {
    return new LandPlotRepository(context.db).list(status ?? null);
  }

  @FieldResolver(() => IndustrialZone, { description: 'The zone the plot is part of.' })
  zone(@Root() plot: LandPlotRecord) {
    return plot.zone;
  }

  @FieldResolver(() => ProjectReference, {
    nullable: true,
    description: 'The project the plot serves (resolved by the projects subgraph); null when the source ties it to none.',
  })
  project(@Root() plot: LandPlotRecord): ProjectReference | null {
    return plot.projectId === null ? null : { id: plot.projectId };
  }
}
