import { addTouchUpdatedAtTrigger, enteredByColumn, isPartialDate, sourceListColumn, timestampColumns } from '@azg/core/database';
import { createWriteSupport, dropWriteSupport } from '@azg/core/writes';
import type { MigrationInterface, QueryRunner } from 'typeorm';

// Checks only this service makes are written out here, and shared ones come from core's migration
// builders, whose text is frozen: either way this migration reads the same forever.
const RECORD_ID = `'^[a-z0-9][a-z0-9-]{0,99}$'`;

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

/** `project_jobs.version` counts the job records that moved a project's figures. */
const EDITABLE_TABLES = ['workforce.training_institution', 'workforce.project_jobs'];

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
    await createWriteSupport(queryRunner, 'workforce', EDITABLE_TABLES);
    await queryRunner.query(`ALTER TABLE workforce.training_institution
      ADD COLUMN capacity int CHECK (capacity IS NULL OR capacity > 0),
      ADD COLUMN opening jsonb CHECK (opening IS NULL OR (${isPartialDate('opening')})),
      ADD COLUMN ${enteredByColumn()}`);

    await queryRunner.query(`CREATE TABLE workforce.job_record (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      project_id text NOT NULL CHECK (project_id ~ ${RECORD_ID}),
      recorded_on date NOT NULL,
      planned jsonb CHECK ${isCountFigure('planned')},
      created jsonb CHECK ${isCountFigure('created')},
      ${sourceListColumn('sources')},
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
      ${sourceListColumn('sources')},
      ${enteredByColumn()},
      version int NOT NULL DEFAULT 1 CHECK (version >= 1),
      ${timestampColumns()},
      CHECK (jsonb_array_length(sources) > 0 OR jsonb_array_length(entered_by) > 0),
      UNIQUE (institution_id, name)
    )`);
    await addTouchUpdatedAtTrigger(queryRunner, 'workforce.training_programme');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE workforce.training_programme');
    await queryRunner.query('DROP TABLE workforce.job_record');
    await queryRunner.query('ALTER TABLE workforce.training_institution DROP COLUMN entered_by, DROP COLUMN opening, DROP COLUMN capacity');
    await dropWriteSupport(queryRunner, 'workforce', EDITABLE_TABLES);
  }
}
