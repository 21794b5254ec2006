import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The indexes a paged list of companies reads (by name in either direction, the id in the C
 * collation as the tie-break; by zone participation), and a `synthetic` flag marking rows the
 * synthetic-data generator wrote: it must agree with the id's `synthetic-` prefix.
 */
export class ListOrderingAndSynthetic1796000000000 implements MigrationInterface {
  name = 'ListOrderingAndSynthetic1796000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE companies.company
        ADD COLUMN synthetic boolean NOT NULL DEFAULT false,
        ADD CONSTRAINT company_synthetic_check CHECK (synthetic = starts_with(id, 'synthetic-'))`);
    await queryRunner.query(`DROP INDEX companies.company_name_order_idx`);
    await queryRunner.query(`CREATE INDEX company_name_asc_idx ON companies.company ((name COLLATE "und-x-icu") ASC, id COLLATE "C")`);
    await queryRunner.query(`CREATE INDEX company_name_desc_idx ON companies.company ((name COLLATE "und-x-icu") DESC, id COLLATE "C")`);
    await queryRunner.query(`CREATE INDEX company_zone_participant_idx ON companies.company (zone_participant)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX companies.company_zone_participant_idx`);
    await queryRunner.query(`DROP INDEX companies.company_name_desc_idx`);
    await queryRunner.query(`DROP INDEX companies.company_name_asc_idx`);
    await queryRunner.query(`CREATE INDEX company_name_order_idx ON companies.company ((name COLLATE "und-x-icu"), id)`);
    await queryRunner.query(`ALTER TABLE companies.company DROP COLUMN synthetic`);
  }
}
