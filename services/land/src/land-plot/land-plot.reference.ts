import type { Context } from '../context';

/** Resolves `LandPlot` representations from other subgraphs, all of a fetch in one statement. */
export const landPlotReference = {
  __resolveReference: (reference: { id: string }, context: Context) => context.loaders.landPlotById.load(reference.id),
};
