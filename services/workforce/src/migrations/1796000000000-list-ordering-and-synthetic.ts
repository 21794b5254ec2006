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
      await queryRunner.query(`
        ALTER TABLE workforce.${table}
          ADD COLUMN synthetic boolean NOT NULL DEFAULT false,
          ADD CONSTRAINT ${table}_synthetic_check CHECK (synthetic = starts_with(${owner}, 'synthetic-'))`);
    }
    for (const column of ['jobs_planned', 'jobs_created']) {
      await queryRunner.query(`DROP INDEX workforce.project_jobs_${column}_idx`);
      await queryRunner.query(`CREATE INDEX project_jobs_${column}_asc_idx ON workforce.project_jobs (${column} ASC NULLS LAST, project_id COLLATE "C")`);
      await queryRunner.query(`CREATE INDEX project_jobs_${column}_desc_idx ON workforce.project_jobs (${column} DESC NULLS LAST, project_id COLLATE "C")`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of ['jobs_planned', 'jobs_created']) {
      await queryRunner.query(`DROP INDEX workforce.project_jobs_${column}_asc_idx`);
      await queryRunner.query(`DROP INDEX workforce.project_jobs_${column}_desc_idx`);
      await queryRunner.query(`CREATE INDEX project_jobs_${column}_idx ON workforce.project_jobs (${column})`);
    }
    for (const table of ['project_jobs', 'group_jobs']) await queryRunner.query(`ALTER TABLE workforce.${table} DROP COLUMN synthetic`);
  }
}
