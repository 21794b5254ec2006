import { AreaFigure, Source } from '@azg/core/figures';
import { Field, ID, ObjectType } from 'type-graphql';
import { LandPlotStatus } from '../land-plot/land-plot.type';

/**
 * A land figure reported for a whole zone, not tied to a plot the source describes. A value
 * of the land subgraph, not an entity: it is reached through its zone, its project group or
 * `zoneLandFigures`.
 */
@ObjectType({
  description: 'An amount of land the source reports for a whole zone (given to investors, optimized or freed), not tied to a plot it describes.',
})
export class ZoneLandFigure {
  @Field(() => ID, { description: 'The figure\'s record id, e.g. "given-to-investors".' })
  id!: string;

  @Field(() => LandPlotStatus, { description: 'What happened to the land: allocated, optimized or released.' })
  status!: LandPlotStatus;

  @Field(() => AreaFigure, { description: 'How much land, as the source reports it.' })
  area!: AreaFigure;

  @Field(() => String, { description: 'Why the land moved, in the source\'s words (English).' })
  reason!: string;

  @Field(() => [Source], { description: 'Where the source reports the figure, including any reading that ties it to a project group.' })
  sources!: Source[];
}
