import { assertRecordId } from '@azg/core/database';
import { type Connection, readPageRequest } from '@azg/core/pagination';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { IndustrialPark } from '../industrial-park/industrial-park.type';
import { IndustrialZone } from '../industrial-zone/industrial-zone.type';
import { ProjectReference } from '../project/project.reference';
import { LandPlotListArgs } from './land-plot.input';
import type { LandPlotRecord } from './land-plot.record';
import { landPlotOrdering } from './land-plot.repository';
import { LandPlot, LandPlotConnection } from './land-plot.type';

@Resolver(() => LandPlot)
export class LandPlotResolver {
  @Query(() => LandPlot, { nullable: true, description: 'A land plot by id; null when no plot has the id.' })
  landPlot(
    @Arg('id', () => ID, { description: 'The plot\'s record id, e.g. "valtherm-plot".' }) id: string,
    @Ctx() context: Context,
  ): Promise<LandPlotRecord | null> {
    return context.loaders.landPlotById.load(assertRecordId(id));
  }

  @Query(() => LandPlotConnection, {
    description: 'The land plots the source describes on their own, a page at a time (at most 100; 20 unless `first` or `last` says otherwise), filtered by `filter` and ordered by `orderBy` (by id by default).',
  })
  landPlots(
    @Args(() => LandPlotListArgs) args: LandPlotListArgs,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<LandPlotRecord>> {
    const request = readPageRequest(args, { connection: 'Query.landPlots', ordering: landPlotOrdering(args.orderBy), codec: context.cursors, info });
    return context.repositories.landPlots.page(request, args.filter ?? null);
  }

  @FieldResolver(() => IndustrialZone, { description: 'The zone the plot is part of.' })
  zone(@Root() plot: LandPlotRecord) {
    return plot.zone;
  }

  @FieldResolver(() => IndustrialPark, { nullable: true, description: 'The industrial park the plot lies in; null when it lies in the zone outside any park, or the source does not say.' })
  park(@Root() plot: LandPlotRecord, @Ctx() context: Context) {
    return plot.parkId === null ? null : context.loaders.industrialParkById.load(plot.parkId);
  }

  @FieldResolver(() => ProjectReference, {
    nullable: true,
    description: 'The project the plot serves (resolved by the projects subgraph); null when the source ties it to none.',
  })
  project(@Root() plot: LandPlotRecord): ProjectReference | null {
    return plot.projectId === null ? null : { id: plot.projectId };
  }
}
