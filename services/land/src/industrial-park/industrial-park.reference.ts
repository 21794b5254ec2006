import type { Context } from '../context';

/** Resolves `IndustrialPark` representations from other subgraphs, all of a fetch in one statement. */
export const industrialParkReference = {
  __resolveReference: (reference: { id: string }, context: Context) => context.loaders.industrialParkById.load(reference.id),
};
