import { createRowLoader } from '@azg/core/database';
import type DataLoader from 'dataloader';
import type { TrainingInstitutionRepository } from './training-institution.repository';
import type { TrainingInstitution } from './training-institution.type';

/** One institution per id, null for an id that names none; one statement per batch. */
export function createTrainingInstitutionLoader(institutions: TrainingInstitutionRepository): DataLoader<string, TrainingInstitution | null> {
  return createRowLoader((ids) => institutions.findByIds(ids), (institution) => institution.id);
}
