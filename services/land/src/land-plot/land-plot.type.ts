import { AreaFigure, LocalDateScalar, Source } from '@azg/core/figures';
import { createConnectionType } from '@azg/core/pagination';
import { AuthorEntry } from '@azg/core/writes';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { LandPlotOptimization, LandPlotRelease } from './land-plot-event.type';
import { LandPlotStatus } from './land-plot-status';

/** A plot the source describes on its own; its zone and project are added by the plot's resolver. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A plot of an industrial zone\'s land that the source describes on its own, with the project it serves.' })
export class LandPlot {
  @Field(() => ID, { description: 'The plot\'s record id, e.g. "valtherm-plot".' })
  id!: string;

  @Field(() => AreaFigure, { description: 'The plot\'s area as the source reports it (it may be a lower bound: "more than 10 hectares").' })
  area!: AreaFigure;

  @Field(() => LandPlotStatus, { description: 'What happened to the plot: allocated, optimized or released.' })
  status!: LandPlotStatus;

  @Field(() => String, { description: 'What the plot is, in English.' })
  description!: string;

  @Field(() => [Source], { description: 'Where the source describes the plot (for a plot allocated through the API, the sources its allocation stated).' })
  sources!: Source[];

  @Field(() => Int, { description: 'The plot\'s version: 1 as loaded, one more with every write. An optimization or release names the version it read and is refused with CONFLICT if the plot moved on.' })
  version!: number;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The day the plot was allocated; null when the source does not say.' })
  allocatedOn!: string | null;

  @Field(() => [AuthorEntry], { description: 'Every write of the plot that stated no source (its allocation, optimization, release), oldest first; empty for a plot the sources describe.' })
  enteredBy!: AuthorEntry[];

  @Field(() => LandPlotOptimization, { nullable: true, description: 'How the plot was optimized (it keeps a smaller area); null when it has not been.' })
  optimization!: LandPlotOptimization | null;

  @Field(() => LandPlotRelease, { nullable: true, description: 'When and why the plot was freed; null unless its status is RELEASED.' })
  release!: LandPlotRelease | null;
}

/** A page of land plots. */
export const LandPlotConnection = createConnectionType(LandPlot, { name: 'LandPlot', plural: 'land plots' });
