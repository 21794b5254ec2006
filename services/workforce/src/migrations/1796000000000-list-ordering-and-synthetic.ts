import { addSyntheticFlag, createListOrderIndexes, dropListOrderIndexes } from '@azg/core/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The indexes `projectsByJobs` reads (jobs planned or created, in either direction, nulls last,
 * the project id in the C collation as the tie-break), and a `synthetic` flag marking rows the
 * synthetic-data generator wrote: it must agree with the `synthetic-` prefix of the project or group id.
 */
export class ListOrderingAndSynthetic1796000000000 implements MigrationInterface {
  name = 'ListOrderingAndSynthetic1796000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, owner] of [['project_jobs', 'project_id'], ['group_jobs', 'group_id']] as const) {
      await addSyntheticFlag(queryRunner, `workforce.${table}`, { ids: [owner] });
    }
    for (const column of ['jobs_planned', 'jobs_created']) {
      await queryRunner.query(`DROP INDEX workforce.project_jobs_${column}_idx`);
      await createListOrderIndexes(queryRunner, 'workforce.project_jobs', { name: `project_jobs_${column}`, key: column, id: 'project_id', nullsLast: true });
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of ['jobs_planned', 'jobs_created']) {
      await dropListOrderIndexes(queryRunner, 'workforce.project_jobs', `project_jobs_${column}`);
      await queryRunner.query(`CREATE INDEX project_jobs_${column}_idx ON workforce.project_jobs (${column})`);
    }
    for (const table of ['project_jobs', 'group_jobs']) await queryRunner.query(`ALTER TABLE workforce.${table} DROP COLUMN synthetic`);
  }
}
