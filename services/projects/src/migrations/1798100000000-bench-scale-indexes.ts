import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A status filter read in name order from one index. Without it a page of one status walks the
 * name index and throws away every other status's rows on the way: at 10,000× the document
 * (280,000 projects) a page of 50 UNDER_CONSTRUCTION projects passed over 50,000 rows (163 ms),
 * and the walk grows with the table. With the status first, the page reads its 51 rows whatever
 * the size (0.1 ms). Both directions, as the name order itself, with the id in C as the tie-break.
 */
export class BenchScaleIndexes1798100000000 implements MigrationInterface {
  name = 'BenchScaleIndexes1798100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX project_status_name_asc_idx ON projects.project (status, name COLLATE "und-x-icu", id COLLATE "C")`);
    await queryRunner.query(`CREATE INDEX project_status_name_desc_idx ON projects.project (status, name COLLATE "und-x-icu" DESC NULLS LAST, id COLLATE "C")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX projects.project_status_name_desc_idx');
    await queryRunner.query('DROP INDEX projects.project_status_name_asc_idx');
  }
}
