import { AFTER_EVENT_DESCRIPTION, ChangeEventFields, servedByGateway } from '@azg/core/changes';
import { Arg, Field, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { LandPlotFilter } from './land-plot.input';
import { LandPlot } from './land-plot.type';

@ObjectType('LandPlotChange', { description: 'A committed write of a land plot: its area, status or the project it serves.' })
export class LandPlotChange extends ChangeEventFields {
  @Field(() => ID, { description: 'The plot the change is about.' })
  landPlotId!: string;

  @Field(() => LandPlot, {
    nullable: true,
    description: 'The plot as it is when the event is delivered, read through the whole graph (its project too), with the subscriber\'s access. Null once it is deleted.',
  })
  landPlot!: LandPlot | null;
}

/** The land subgraph's subscription; the gateway serves it (see `servedByGateway`). */
@Resolver()
export class LandPlotChangeResolver {
  @Subscription(() => LandPlotChange, {
    subscribe: servedByGateway,
    description: 'Every committed change of a land plot that matches the filter after the change, in commit order. '
      + 'A plot that stops matching gets one last event; a deleted one, an event with a null `landPlot`.',
  })
  landPlotChanged(
    @Root() change: LandPlotChange,
    @Arg('filter', () => LandPlotFilter, { nullable: true, description: 'Only the plots that match after the change, as `landPlots` filters them; all when omitted.' }) _filter: LandPlotFilter | null,
    @Arg('after', () => String, { nullable: true, description: AFTER_EVENT_DESCRIPTION }) _after: string | null,
  ): LandPlotChange {
    return change;
  }
}
