import type { SqlRunner } from '@azg/core/database';
import { TRAINING_PROGRAMME_JSON } from '../training-programme/training-programme.repository';
import type { TrainingInstitution } from './training-institution.type';

/** GraphQL field and column, in one place, so a row and a JSON object come back in the same shape. */
const FIELDS: ReadonlyArray<readonly [keyof TrainingInstitution, string]> = [
  ['id', 'id'],
  ['kind', 'kind'],
  ['name', 'name'],
  ['nameKk', 'name_kk'],
  ['status', 'status'],
  ['builder', 'builder'],
  ['builderKk', 'builder_kk'],
  ['location', 'location'],
  ['purpose', 'purpose'],
  ['servesAllZoneProjects', 'serves_all_zone_projects'],
  ['sources', 'sources'],
  ['names', 'names'],
  ['version', 'version'],
  ['capacity', 'capacity'],
  ['opening', 'opening'],
  ['enteredBy', 'entered_by'],
  // The programmes come along in the same statement: every read of an institution stays one.
  ['programmes', `COALESCE((SELECT jsonb_agg(${TRAINING_PROGRAMME_JSON} ORDER BY programme.name, programme.id)
    FROM workforce.training_programme programme WHERE programme.institution_id = training_institution.id), '[]'::jsonb)`],
];

const COLUMNS = FIELDS.map(([field, column]) => `${column} AS "${field}"`).join(', ');

/**
 * One row of workforce.training_institution as a JSON object in its GraphQL shape, for
 * statements that bring institutions along with something else (`jsonb_agg` of it).
 */
export const TRAINING_INSTITUTION_JSON = `jsonb_build_object(${FIELDS.map(([field, column]) => `'${field}', ${column}`).join(', ')})`;

/** The institutions with these ids, in no particular order; ids that name nothing are simply absent. */
export function findTrainingInstitutionsByIds(db: SqlRunner, ids: readonly string[]): Promise<TrainingInstitution[]> {
  return db.query<TrainingInstitution>(
    `SELECT ${COLUMNS} FROM workforce.training_institution WHERE id = ANY($1::text[])`,
    [ids],
  );
}

/** Every institution, by name. */
export function listTrainingInstitutions(db: SqlRunner): Promise<TrainingInstitution[]> {
  return db.query<TrainingInstitution>(`SELECT ${COLUMNS} FROM workforce.training_institution ORDER BY name, id`);
}
