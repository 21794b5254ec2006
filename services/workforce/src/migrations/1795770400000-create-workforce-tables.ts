import { addTouchUpdatedAtTrigger, createTouchUpdatedAtFunction, sourceListColumn, timestampColumns } from '@azg/core/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const RECORD_ID = `'^[a-z0-9][a-z0-9-]{0,99}$'`;

/** A CountFigure stored in its GraphQL shape: what a read hands back as is must have every key. */
const countFigureCheck = (column: string) => `CHECK (${column} IS NULL OR (
      jsonb_typeof(${column}) = 'object'
      AND jsonb_typeof(${column}->'value') = 'number'
      AND ${column}->>'qualifier' IN ('EXACT', 'AT_LEAST', 'APPROXIMATE')
      AND jsonb_typeof(${column}->'stated') = 'string'
      AND jsonb_typeof(${column}->'sources') = 'array'))`;

/**
 * Jobs reported for one owner (a project or a group of projects, both owned by the projects
 * subgraph, so the owner id is a plain text key, not a foreign key). Planned and created are
 * separate figures: the document never adds them up, and neither may a reader.
 */
const jobsTable = (table: string, ownerColumn: string) => `
  CREATE TABLE workforce.${table} (
    ${ownerColumn} text PRIMARY KEY CHECK (${ownerColumn} ~ ${RECORD_ID}),
    planned jsonb ${countFigureCheck('planned')},
    created jsonb ${countFigureCheck('created')},
    jobs_planned int GENERATED ALWAYS AS ((planned->>'value')::int) STORED CHECK (jobs_planned >= 0),
    jobs_created int GENERATED ALWAYS AS ((created->>'value')::int) STORED CHECK (jobs_created >= 0),
    ${timestampColumns()},
    -- A row says what the document reports; a row reporting nothing would be noise.
    CHECK (planned IS NOT NULL OR created IS NOT NULL)
  )`;

export class CreateWorkforceTables1795770400000 implements MigrationInterface {
  name = 'CreateWorkforceTables1795770400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // updated_at must move when a row really changes; the seed's upsert skips unchanged rows, so it fires only then.
    await createTouchUpdatedAtFunction(queryRunner, 'workforce');

    await queryRunner.query(`
      CREATE TABLE workforce.training_institution (
        id text PRIMARY KEY CHECK (id ~ ${RECORD_ID}),
        kind text NOT NULL CHECK (kind IN ('TECHNICAL_COLLEGE')),
        name text NOT NULL CHECK (btrim(name) <> ''),
        name_kk text,
        status text NOT NULL CHECK (status IN ('PLANNED', 'UNDER_CONSTRUCTION', 'OPERATING')),
        builder text,
        builder_kk text,
        location text,
        purpose text,
        serves_all_zone_projects boolean NOT NULL DEFAULT false,
        ${sourceListColumn('sources')},
        ${timestampColumns()}
      )`);

    await queryRunner.query(jobsTable('project_jobs', 'project_id'));
    await queryRunner.query(jobsTable('group_jobs', 'group_id'));

    for (const table of ['project_jobs', 'group_jobs']) {
      await queryRunner.query(`CREATE INDEX ${table}_jobs_planned_idx ON workforce.${table} (jobs_planned)`);
      await queryRunner.query(`CREATE INDEX ${table}_jobs_created_idx ON workforce.${table} (jobs_created)`);
    }
    for (const table of ['training_institution', 'project_jobs', 'group_jobs']) {
      await addTouchUpdatedAtTrigger(queryRunner, `workforce.${table}`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE workforce.group_jobs');
    await queryRunner.query('DROP TABLE workforce.project_jobs');
    await queryRunner.query('DROP TABLE workforce.training_institution');
    await queryRunner.query('DROP FUNCTION workforce.touch_updated_at()');
  }
}
