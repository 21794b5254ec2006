import { createRowLoader, type SqlRunner } from '@azg/core/database';
import type DataLoader from 'dataloader';
import { findTrainingInstitutionsByIds } from './training-institution.repository';
import type { TrainingInstitution } from './training-institution.type';

/** One institution per id, null for an id that names none; one statement per batch. */
export function createTrainingInstitutionLoader(db: SqlRunner): DataLoader<string, TrainingInstitution | null> {
  return createRowLoader((ids) => findTrainingInstitutionsByIds(db, ids), (institution) => institution.id);
}
