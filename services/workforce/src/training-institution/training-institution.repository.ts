import type { SqlRunner } from '@azg/core/database';
import { PROGRAMMES_OF_INSTITUTION_JSON } from '../training-programme/training-programme.repository';
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
  ['programmes', PROGRAMMES_OF_INSTITUTION_JSON],
];

const COLUMNS = FIELDS.map(([field, column]) => `${column} AS "${field}"`).join(', ');

/**
 * One row of workforce.training_institution as a JSON object in its GraphQL shape, for
 * statements that bring institutions along with something else (`jsonb_agg` of it).
 */
const TRAINING_INSTITUTION_JSON = `jsonb_build_object(${FIELDS.map(([field, column]) => `'${field}', ${column}`).join(', ')})`;

/**
 * The institutions that train for every project in the zone, by name, as a jsonb array (`[]` when
 * none does): an uncorrelated subquery, so a statement over many projects evaluates it once.
 */
export const ZONE_TRAINING_INSTITUTIONS_JSON = `(SELECT COALESCE(jsonb_agg(${TRAINING_INSTITUTION_JSON} ORDER BY name, id), '[]'::jsonb)
       FROM workforce.training_institution WHERE serves_all_zone_projects)`;

/** The reads of training institutions, over one request's (or one write's) database handle. */
export class TrainingInstitutionRepository {
  constructor(private readonly db: SqlRunner) {}

  /** The institutions with these ids, in no particular order; ids that name nothing are simply absent. */
  findByIds(ids: readonly string[]): Promise<TrainingInstitution[]> {
    return this.db.query<TrainingInstitution>(
      `SELECT ${COLUMNS} FROM workforce.training_institution WHERE id = ANY($1::text[])`,
      [ids],
    );
  }

  /** Every institution, by name. */
  list(): Promise<TrainingInstitution[]> {
    return this.db.query<TrainingInstitution>(`SELECT ${COLUMNS} FROM workforce.training_institution ORDER BY name, id`);
  }
}
