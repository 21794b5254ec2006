import { enteredByColumn } from '@azg/core/database';
import { createWriteSupport, dropWriteSupport } from '@azg/core/writes';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const EDITABLE_TABLES = ['projects.project', 'projects.project_group'];

/**
 * Writes: projects and groups become editable (a `version` every update names), each keeps the
 * authors of writes that stated no source, a project's status changes are recorded with when
 * they happened, and the subgraph gains its append-only audit log and idempotency keys (core's
 * `createWriteTables`).
 */
export class WritesAndAudit1797000000000 implements MigrationInterface {
  name = 'WritesAndAudit1797000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createWriteSupport(queryRunner, 'projects', EDITABLE_TABLES);
    for (const table of ['projects.project', 'projects.project_group', 'projects.group_membership']) {
      await queryRunner.query(`ALTER TABLE ${table} ADD COLUMN ${enteredByColumn()}`);
    }
    await queryRunner.query(`
      CREATE TABLE projects.project_status_change (
        id bigserial PRIMARY KEY,
        project_id text NOT NULL REFERENCES projects.project (id) ON DELETE CASCADE,
        from_status text NOT NULL CHECK (from_status IN ('PROPOSED', 'PLANNED', 'UNDER_CONSTRUCTION', 'COMMISSIONING', 'OPERATING', 'REMOVED')),
        to_status text NOT NULL CHECK (to_status IN ('PROPOSED', 'PLANNED', 'UNDER_CONSTRUCTION', 'COMMISSIONING', 'OPERATING', 'REMOVED')),
        happened_at timestamptz NOT NULL,
        reason text CHECK (length(reason) <= 1000),
        sources jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(sources) = 'array'),
        entered_by jsonb CHECK (entered_by IS NULL OR jsonb_typeof(entered_by) = 'object'),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CHECK (to_status <> 'REMOVED' OR reason IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX project_status_change_project_idx ON projects.project_status_change (project_id, happened_at, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE projects.project_status_change`);
    for (const table of ['projects.group_membership', 'projects.project_group', 'projects.project']) {
      await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN entered_by`);
    }
    await dropWriteSupport(queryRunner, 'projects', EDITABLE_TABLES);
  }
}
