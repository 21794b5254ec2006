import { createWriteTables, dropWriteTables } from '@azg/core/writes';
import type { MigrationInterface, QueryRunner } from 'typeorm';

// Checks are written out here rather than imported, so this migration reads the same forever.
const RECORD_ID = `'^[a-z0-9][a-z0-9-]{0,99}$'`;

const isPartialDate = (column: string) => `jsonb_typeof(${column}) = 'object'
  AND jsonb_typeof(${column}->'year') = 'number' AND ${column} ? 'text' AND ${column} ? 'stated'
  AND ${column}->>'precision' IN ('YEAR', 'QUARTER', 'MONTH', 'DAY')
  AND ${column}->>'bound' IN ('IN', 'BY')
  AND jsonb_typeof(${column}->'sources') = 'array'`;

/** A CountFigure in its GraphQL shape, as the first workforce migration checks it. */
const isCountFigure = (column: string) => `(${column} IS NULL OR (
  jsonb_typeof(${column}) = 'object'
  AND jsonb_typeof(${column}->'value') = 'number' AND (${column}->>'value')::numeric >= 0
  AND ${column}->>'qualifier' IN ('EXACT', 'AT_LEAST', 'APPROXIMATE')
  AND jsonb_typeof(${column}->'stated') = 'string'
  AND jsonb_typeof(${column}->'sources') = 'array'))`;

/** Core's AuthorEntry (who typed a fact in, when, with which mutation), or null. */
const isAuthorEntry = (column: string) => `(${column} IS NULL OR (jsonb_typeof(${column}) = 'object'
  AND jsonb_typeof(${column}->'subject') = 'string' AND jsonb_typeof(${column}->'at') = 'string'))`;

/** Core's AuthorEntry for every write of a record that stated no source, oldest first. */
const isAuthorEntries = (column: string) => `jsonb_typeof(${column}) = 'array'
  AND NOT jsonb_path_exists(${column}, '$[*] ? (!exists(@.subject) || !exists(@.role) || !exists(@.at) || !exists(@.operation))')`;

/**
 * The workforce subgraph becomes writable, with its audit log and idempotency keys.
 *
 * - `job_record`: jobs planned and created for a project as recorded at a date, appended and
 *   never changed. A project's current figures stay in `project_jobs` (what every read and sum
 *   uses); a record moves only the figures it states, and only when no later-dated record states
 *   them, so records are never added up and the document's figures stay where nothing newer was
 *   recorded. `project_jobs.version` counts the records that moved it (the seed leaves such rows).
 * - `training_institution` gets a version, a capacity (students at once) and an opening date at
 *   its own precision, all editable, and `entered_by`: an entry for every edit that stated no source.
 * - `training_programme`: the programmes an institution teaches.
 */
export class WorkforceWrites1796200000000 implements MigrationInterface {
  name = 'WorkforceWrites1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createWriteTables(queryRunner, 'workforce');

    await queryRunner.query(`ALTER TABLE workforce.training_institution
      ADD COLUMN version int NOT NULL DEFAULT 1 CHECK (version >= 1),
      ADD COLUMN capacity int CHECK (capacity IS NULL OR capacity > 0),
      ADD COLUMN opening jsonb CHECK (opening IS NULL OR (${isPartialDate('opening')})),
      ADD COLUMN entered_by jsonb NOT NULL DEFAULT '[]' CHECK (${isAuthorEntries('entered_by')})`);

    await queryRunner.query(`ALTER TABLE workforce.project_jobs
      ADD COLUMN version int NOT NULL DEFAULT 1 CHECK (version >= 1)`);

    await queryRunner.query(`CREATE TABLE workforce.job_record (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      project_id text NOT NULL CHECK (project_id ~ ${RECORD_ID}),
      recorded_on date NOT NULL,
      planned jsonb CHECK ${isCountFigure('planned')},
      created jsonb CHECK ${isCountFigure('created')},
      sources jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(sources) = 'array'),
      entered_by jsonb CHECK ${isAuthorEntry('entered_by')},
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (planned IS NOT NULL OR created IS NOT NULL),
      CHECK (jsonb_array_length(sources) > 0 OR entered_by IS NOT NULL)
    )`);
    await queryRunner.query(`CREATE INDEX job_record_project_idx ON workforce.job_record (project_id, recorded_on DESC, id DESC)`);

    await queryRunner.query(`CREATE TABLE workforce.training_programme (
      id text PRIMARY KEY CHECK (id ~ ${RECORD_ID}),
      institution_id text NOT NULL REFERENCES workforce.training_institution (id) ON DELETE RESTRICT,
      name text NOT NULL CHECK (btrim(name) <> ''),
      name_kk text CHECK (name_kk IS NULL OR btrim(name_kk) <> ''),
      qualification text CHECK (qualification IS NULL OR btrim(qualification) <> ''),
      duration_months int CHECK (duration_months IS NULL OR duration_months > 0),
      annual_intake int CHECK (annual_intake IS NULL OR annual_intake > 0),
      sources jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(sources) = 'array'),
      entered_by jsonb NOT NULL DEFAULT '[]' CHECK (${isAuthorEntries('entered_by')}),
      version int NOT NULL DEFAULT 1 CHECK (version >= 1),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (jsonb_array_length(sources) > 0 OR jsonb_array_length(entered_by) > 0),
      UNIQUE (institution_id, name)
    )`);
    await queryRunner.query(`CREATE TRIGGER training_programme_touch_updated_at BEFORE UPDATE ON workforce.training_programme
      FOR EACH ROW EXECUTE FUNCTION workforce.touch_updated_at()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE workforce.training_programme');
    await queryRunner.query('DROP TABLE workforce.job_record');
    await queryRunner.query('ALTER TABLE workforce.project_jobs DROP COLUMN version');
    await queryRunner.query('ALTER TABLE workforce.training_institution DROP COLUMN entered_by, DROP COLUMN opening, DROP COLUMN capacity, DROP COLUMN version');
    await dropWriteTables(queryRunner, 'workforce');
  }
}
