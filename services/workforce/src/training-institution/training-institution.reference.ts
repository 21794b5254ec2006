import type { Context } from '../context';
import type { TrainingInstitution } from './training-institution.type';

/**
 * Resolves TrainingInstitution representations from other subgraphs (the projects subgraph
 * `@requires` servesAllZoneProjects from here): every representation of a fetch through the
 * row loader, so one statement in all; an unknown id resolves to null.
 */
export const trainingInstitutionReference = {
  __resolveReference(reference: { id: string }, context: Context): Promise<TrainingInstitution | null> {
    return context.loaders.trainingInstitution.load(reference.id);
  },
};
