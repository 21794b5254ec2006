import { assertRecordId } from '@azg/core/database';
import { type Connection, readPageRequest } from '@azg/core/pagination';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { IndustrialPark } from '../industrial-park/industrial-park.type';
import { LandPlotListArgs } from '../land-plot/land-plot.input';
import type { LandPlotRecord } from '../land-plot/land-plot.record';
import { landPlotOrdering } from '../land-plot/land-plot.repository';
import { LandPlotConnection, LandPlotStatus } from '../land-plot/land-plot.type';
import { ZONE } from '../seed/land.facts';
import { figuresWithStatus } from '../zone-land-figure/zone-land-figure.record';
import { ZoneLandFigure } from '../zone-land-figure/zone-land-figure.type';
import { loadZoneChildren } from './industrial-zone.loaders';
import type { IndustrialZoneRecord } from './industrial-zone.record';
import { IndustrialZone } from './industrial-zone.type';

/** The zone the source is about, answered when `industrialZone` is asked without an id. */
export const DEFAULT_ZONE_ID = ZONE.id;

@Resolver(() => IndustrialZone)
export class IndustrialZoneResolver {
  @Query(() => IndustrialZone, { nullable: true, description: 'An industrial zone by id; null when no zone has the id.' })
  industrialZone(
    @Arg('id', () => ID, {
      nullable: false,
      defaultValue: DEFAULT_ZONE_ID,
      description: 'The zone\'s record id; by default the Almaty Industrial Zone the source is about.',
    }) id: string,
    @Ctx() context: Context,
  ): Promise<IndustrialZoneRecord | null> {
    return context.loaders.industrialZoneById.load(assertRecordId(id));
  }

  @Query(() => [IndustrialZone], { description: 'Every industrial zone, by id.' })
  industrialZones(@Ctx() context: Context): Promise<IndustrialZoneRecord[]> {
    return context.repositories.industrialZones.list();
  }

  @FieldResolver(() => LandPlotConnection, {
    description: 'The plots of the zone that the source describes on their own, a page at a time, filtered and ordered like `Query.landPlots` (by id by default).',
  })
  landPlots(
    @Root() zone: IndustrialZoneRecord,
    @Args(() => LandPlotListArgs) args: LandPlotListArgs,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<LandPlotRecord>> {
    const request = readPageRequest(args, { connection: 'IndustrialZone.landPlots', ordering: landPlotOrdering(args.orderBy), codec: context.cursors, info });
    return context.loaders.landPlotPagesByZoneId.load(zone.id, request, args.filter ?? null);
  }

  @FieldResolver(() => [ZoneLandFigure], {
    description: 'The land figures the source reports for the whole zone, in its order: given to investors, optimized, freed.',
  })
  async landFigures(
    @Root() zone: IndustrialZoneRecord,
    @Arg('status', () => LandPlotStatus, { nullable: true, description: 'Only the figures of this status; all when omitted.' })
    status: LandPlotStatus | null | undefined,
    @Ctx() context: Context,
  ) {
    return figuresWithStatus((await loadZoneChildren(zone, context.loaders)).landFigures, status);
  }

  @FieldResolver(() => [IndustrialPark], { description: 'The industrial parks planned in the zone, by id.' })
  async industrialParks(@Root() zone: IndustrialZoneRecord, @Ctx() context: Context) {
    return (await loadZoneChildren(zone, context.loaders)).industrialParks;
  }
}
