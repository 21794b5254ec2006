import type { LandContext } from '../context';

/** Resolves `LandPlot` representations from other subgraphs, all of a fetch in one statement. */
export const landPlotReference = {
  __resolveReference: (reference: { id: string }, context: LandContext) => context.loaders.landPlotById.load(reference.id),
};
