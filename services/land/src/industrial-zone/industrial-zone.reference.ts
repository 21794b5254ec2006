import type { Context } from '../context';

/** Resolves `IndustrialZone` representations from other subgraphs, all of a fetch in one statement. */
export const industrialZoneReference = {
  __resolveReference: (reference: { id: string }, context: Context) => context.loaders.industrialZoneById.load(reference.id),
};
