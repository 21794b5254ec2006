import { addSyntheticFlag, createListOrderIndexes, dropListOrderIndexes } from '@azg/core/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The first day of a PartialDate's period as yyyymmdd (a year from 1 January, a quarter from its first month); null when the date is. */
const periodStart = (column: string) => `(
  (${column}->>'year')::int * 10000
  + COALESCE((${column}->>'month')::int, ((${column}->>'quarter')::int - 1) * 3 + 1, 1) * 100
  + COALESCE((${column}->>'day')::int, 1))`;

/** A project's status in the order of its life; REMOVED last. */
const STATUS_RANK = `CASE status WHEN 'PROPOSED' THEN 1 WHEN 'PLANNED' THEN 2 WHEN 'UNDER_CONSTRUCTION' THEN 3
  WHEN 'COMMISSIONING' THEN 4 WHEN 'OPERATING' THEN 5 WHEN 'REMOVED' THEN 6 END`;

/** The orders a list of projects can be read in, each with the key it sorts by. */
const ORDER_KEYS: ReadonlyArray<readonly [string, string]> = [
  ['name', `(name COLLATE "und-x-icu")`],
  ['investment', 'investment_tenge'],
  ['planned_launch', 'planned_launch_start'],
  ['actual_launch', 'actual_launch_start'],
  ['status', 'status_rank'],
];

/**
 * Keys for ordering and filtering lists (each read by an index in both directions, nulls last,
 * with the id in the C collation as the tie-break), and a `synthetic` flag that marks rows the
 * synthetic-data generator wrote: it must agree with the id's `synthetic-` prefix (and the company's), and a synthetic
 * project can only be a member of a synthetic group, so generated rows never mix with the document's.
 */
export class ListOrderingAndSynthetic1796000000000 implements MigrationInterface {
  name = 'ListOrderingAndSynthetic1796000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await addSyntheticFlag(queryRunner, 'projects.project', { ids: ['id', 'company_id'] });
    await queryRunner.query(`
      ALTER TABLE projects.project
        ADD COLUMN status_rank smallint GENERATED ALWAYS AS (${STATUS_RANK}) STORED,
        ADD COLUMN planned_launch_year int GENERATED ALWAYS AS ((planned_launch->>'year')::int) STORED,
        ADD COLUMN planned_launch_start int GENERATED ALWAYS AS (${periodStart('planned_launch')}) STORED,
        ADD COLUMN actual_launch_year int GENERATED ALWAYS AS ((actual_launch->>'year')::int) STORED,
        ADD COLUMN actual_launch_start int GENERATED ALWAYS AS (${periodStart('actual_launch')}) STORED`);
    await addSyntheticFlag(queryRunner, 'projects.project_group', { ids: ['id'] });
    await addSyntheticFlag(queryRunner, 'projects.group_membership', { ids: ['group_id', 'project_id'] });

    // The orderings of lists replace the earlier name and investment indexes.
    await queryRunner.query(`DROP INDEX projects.project_name_idx`);
    await queryRunner.query(`DROP INDEX projects.project_investment_idx`);
    await queryRunner.query(`DROP INDEX projects.project_company_id_idx`);
    for (const [name, key] of ORDER_KEYS) {
      await createListOrderIndexes(queryRunner, 'projects.project', { name: `project_${name}`, key, nullsLast: true });
    }
    // A company's projects, in the default order (by name), straight from one index.
    await queryRunner.query(`CREATE INDEX project_company_name_idx ON projects.project (company_id, (name COLLATE "und-x-icu"), id COLLATE "C")`);
    await queryRunner.query(`CREATE INDEX project_sectors_idx ON projects.project USING gin (sectors)`);
    await queryRunner.query(`CREATE INDEX project_planned_launch_year_idx ON projects.project (planned_launch_year)`);
    await queryRunner.query(`CREATE INDEX project_actual_launch_year_idx ON projects.project (actual_launch_year)`);
    await queryRunner.query(`CREATE INDEX project_group_name_idx ON projects.project_group ((name COLLATE "und-x-icu"), id COLLATE "C")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of ORDER_KEYS) await dropListOrderIndexes(queryRunner, 'projects.project', `project_${name}`);
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
