import { createChangeSubscription } from '@azg/core/changes';
import { LandPlotFilter } from './land-plot.input';
import { LandPlot } from './land-plot.type';

/** `landPlotChanged`: the land subgraph's subscription, which the gateway serves. */
export const { Change: LandPlotChange, Resolver: LandPlotChangeResolver } = createChangeSubscription({
  name: 'LandPlot',
  record: LandPlot,
  filter: LandPlotFilter,
  noun: 'plot',
  nouns: 'plots',
  listField: 'landPlots',
  changeDescription: 'A committed write of a land plot: its area, status or the project it serves.',
  subscriptionDescription: 'Every committed change of a land plot that matches the filter after the change, in commit order. '
    + 'A plot that stops matching gets one last event; a deleted one, an event with a null `landPlot`.',
  recordDescription: 'The plot as it is when the event is delivered, read through the whole graph (its project too), with the subscriber\'s access. Null once it is deleted.',
});
