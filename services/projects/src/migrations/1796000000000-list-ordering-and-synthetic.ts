import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The first day of a PartialDate's period as yyyymmdd (a year from 1 January, a quarter from its first month); null when the date is. */
const periodStart = (column: string) => `(
  (${column}->>'year')::int * 10000
  + COALESCE((${column}->>'month')::int, ((${column}->>'quarter')::int - 1) * 3 + 1, 1) * 100
  + COALESCE((${column}->>'day')::int, 1))`;

/** A project's status in the order of its life; REMOVED last. */
const STATUS_RANK = `CASE status WHEN 'PROPOSED' THEN 1 WHEN 'PLANNED' THEN 2 WHEN 'UNDER_CONSTRUCTION' THEN 3
  WHEN 'COMMISSIONING' THEN 4 WHEN 'OPERATING' THEN 5 WHEN 'REMOVED' THEN 6 END`;

/**
 * Keys for ordering and filtering lists (each read by an index in both directions, nulls last,
 * with the id in the C collation as the tie-break), and a `synthetic` flag that marks rows the
 * synthetic-data generator wrote: it must agree with the id's `synthetic-` prefix (and the company's), and a synthetic
 * project can only be a member of a synthetic group, so generated rows never mix with the document's.
 */
export class ListOrderingAndSynthetic1796000000000 implements MigrationInterface {
  name = 'ListOrderingAndSynthetic1796000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE projects.project
        ADD COLUMN synthetic boolean NOT NULL DEFAULT false,
        ADD CONSTRAINT project_synthetic_check CHECK (synthetic = starts_with(id, 'synthetic-') AND synthetic = starts_with(company_id, 'synthetic-')),
        ADD COLUMN status_rank smallint GENERATED ALWAYS AS (${STATUS_RANK}) STORED,
        ADD COLUMN planned_launch_year int GENERATED ALWAYS AS ((planned_launch->>'year')::int) STORED,
        ADD COLUMN planned_launch_start int GENERATED ALWAYS AS (${periodStart('planned_launch')}) STORED,
        ADD COLUMN actual_launch_year int GENERATED ALWAYS AS ((actual_launch->>'year')::int) STORED,
        ADD COLUMN actual_launch_start int GENERATED ALWAYS AS (${periodStart('actual_launch')}) STORED`);
    await queryRunner.query(`
      ALTER TABLE projects.project_group
        ADD COLUMN synthetic boolean NOT NULL DEFAULT false,
        ADD CONSTRAINT project_group_synthetic_check CHECK (synthetic = starts_with(id, 'synthetic-'))`);
    await queryRunner.query(`
      ALTER TABLE projects.group_membership
        ADD COLUMN synthetic boolean NOT NULL DEFAULT false,
        ADD CONSTRAINT group_membership_synthetic_check
          CHECK (synthetic = starts_with(group_id, 'synthetic-') AND synthetic = starts_with(project_id, 'synthetic-'))`);

    // The orderings of lists replace the earlier name and investment indexes.
    await queryRunner.query(`DROP INDEX projects.project_name_idx`);
    await queryRunner.query(`DROP INDEX projects.project_investment_idx`);
    await queryRunner.query(`DROP INDEX projects.project_company_id_idx`);
    const keys: Array<[string, string]> = [
      ['name', `(name COLLATE "und-x-icu")`],
      ['investment', 'investment_tenge'],
      ['planned_launch', 'planned_launch_start'],
      ['actual_launch', 'actual_launch_start'],
      ['status', 'status_rank'],
    ];
    for (const [name, key] of keys) {
      await queryRunner.query(`CREATE INDEX project_${name}_asc_idx ON projects.project (${key} ASC NULLS LAST, id COLLATE "C")`);
      await queryRunner.query(`CREATE INDEX project_${name}_desc_idx ON projects.project (${key} DESC NULLS LAST, id COLLATE "C")`);
    }
    // A company's projects, in the default order (by name), straight from one index.
    await queryRunner.query(`CREATE INDEX project_company_name_idx ON projects.project (company_id, (name COLLATE "und-x-icu"), id COLLATE "C")`);
    await queryRunner.query(`CREATE INDEX project_sectors_idx ON projects.project USING gin (sectors)`);
    await queryRunner.query(`CREATE INDEX project_planned_launch_year_idx ON projects.project (planned_launch_year)`);
    await queryRunner.query(`CREATE INDEX project_actual_launch_year_idx ON projects.project (actual_launch_year)`);
    await queryRunner.query(`CREATE INDEX project_group_name_idx ON projects.project_group ((name COLLATE "und-x-icu"), id COLLATE "C")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of ['name', 'investment', 'planned_launch', 'actual_launch', 'status']) {
      await queryRunner.query(`DROP INDEX projects.project_${name}_asc_idx`);
      await queryRunner.query(`DROP INDEX projects.project_${name}_desc_idx`);
    }
    for (const index of ['project_group_name_idx', 'project_company_name_idx', 'project_sectors_idx', 'project_planned_launch_year_idx', 'project_actual_launch_year_idx']) {
      await queryRunner.query(`DROP INDEX projects.${index}`);
    }
    await queryRunner.query(`CREATE INDEX project_company_id_idx ON projects.project (company_id)`);
    await queryRunner.query(`CREATE INDEX project_name_idx ON projects.project (lower(name), id)`);
    await queryRunner.query(`CREATE INDEX project_investment_idx ON projects.project (investment_tenge, id)`);
    await queryRunner.query(`ALTER TABLE projects.group_membership DROP COLUMN synthetic`);
    await queryRunner.query(`ALTER TABLE projects.project_group DROP COLUMN synthetic`);
    await queryRunner.query(`
      ALTER TABLE projects.project
        DROP COLUMN synthetic, DROP COLUMN status_rank, DROP COLUMN planned_launch_year, DROP COLUMN planned_launch_start,
        DROP COLUMN actual_launch_year, DROP COLUMN actual_launch_start`);
  }
}
