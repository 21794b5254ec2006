import { AreaFigure, LocalDateScalar, Source } from '@azg/core/figures';
import { defineEnum, type EnumValue } from '@azg/core/federation';
import { createConnectionType } from '@azg/core/pagination';
import { AuthorEntry } from '@azg/core/writes';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/** What happened to a piece of the zone's land, as the document reports it. */
export const LandPlotStatus = defineEnum('LandPlotStatus', 'What happened to a piece of the Industrial Zone\'s land, as the source reports it.', {
  ALLOCATED: 'Allocated (given) to an investor for a project (бөлінген, берілді).',
  OPTIMIZED: 'A plot that was used inefficiently and has been put to better use (оңтайландырылды).',
  RELEASED: 'Freed for other use, e.g. by removing a stalled project from the zone\'s portfolio (босатылды).',
});
export type LandPlotStatus = EnumValue<typeof LandPlotStatus>;

/** The statuses in the order the document reports them (P3: given, optimized, freed); lists sort by it. */
export const LAND_PLOT_STATUS_ORDER: readonly LandPlotStatus[] = [
  LandPlotStatus.ALLOCATED,
  LandPlotStatus.OPTIMIZED,
  LandPlotStatus.RELEASED,
];

/** A step in a plot's life after its allocation: when, why, and on whose word. */
@ObjectType({ description: 'The release of a land plot: when and why it was freed, and on what sources (or who entered it).' })
export class LandPlotRelease {
  @Field(() => LocalDateScalar, { description: 'The day the plot was freed.' })
  on!: string;

  @Field(() => String, { description: 'Why it was freed, e.g. "the project was removed from the zone\'s portfolio for lack of progress" (P3).' })
  reason!: string;

  @Field(() => [Source], { description: 'The sources the release rests on; empty when it was entered without one (see `enteredBy`).' })
  sources!: Source[];

  @Field(() => AuthorEntry, { nullable: true, description: 'Who entered the release, when it stated no source; null when it did.' })
  enteredBy!: AuthorEntry | null;
}

/**
 * The press release's "optimization" (P3: "тиімсіз пайдаланылатын 15 гектар учаске
 * оңтайландырылды", 15 ha of inefficiently used plots were optimized): a plot used
 * inefficiently keeps a smaller area and the rest is taken back. The plot's `area` is the area it
 * keeps; this says what it had before, when and why.
 */
@ObjectType({
  description: 'The optimization of an inefficiently used land plot (P3: "тиімсіз пайдаланылатын ... учаске оңтайландырылды"): the plot keeps a smaller area '
    + '(its `area`) and the rest is taken back. When, why, the area it had before, and on whose word.',
})
export class LandPlotOptimization {
  @Field(() => LocalDateScalar, { description: 'The day the plot was optimized.' })
  on!: string;

  @Field(() => String, { description: 'Why: how the plot was used inefficiently.' })
  reason!: string;

  @Field(() => AreaFigure, { description: 'The area the plot had before it was optimized; its current `area` minus this is the land taken back.' })
  previousArea!: AreaFigure;

  @Field(() => [Source], { description: 'The sources the optimization rests on; empty when it was entered without one (see `enteredBy`).' })
  sources!: Source[];

  @Field(() => AuthorEntry, { nullable: true, description: 'Who entered the optimization, when it stated no source; null when it did.' })
  enteredBy!: AuthorEntry | null;
}

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
