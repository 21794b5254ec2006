import { AreaFigure, LocalDateScalar, Source } from '@azg/core/figures';
import { AuthorEntry } from '@azg/core/writes';
import { Field, ObjectType } from 'type-graphql';

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
