import { addSyntheticFlag, createListOrderIndexes, dropListOrderIndexes, type ListOrder } from '@azg/core/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** By name in the ICU collation. A company always has a name, so these indexes were made without NULLS LAST. */
const BY_NAME: ListOrder = { name: 'company_name', key: '(name COLLATE "und-x-icu")', nullsLast: false };

/**
 * The indexes a paged list of companies reads (by name in either direction, the id in the C
 * collation as the tie-break; by zone participation), and a `synthetic` flag marking rows the
 * synthetic-data generator wrote: it must agree with the id's `synthetic-` prefix.
 */
export class ListOrderingAndSynthetic1796000000000 implements MigrationInterface {
  name = 'ListOrderingAndSynthetic1796000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await addSyntheticFlag(queryRunner, 'companies.company', { ids: ['id'] });
    await queryRunner.query(`DROP INDEX companies.company_name_order_idx`);
    await createListOrderIndexes(queryRunner, 'companies.company', BY_NAME);
    await queryRunner.query(`CREATE INDEX company_zone_participant_idx ON companies.company (zone_participant)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX companies.company_zone_participant_idx`);
    await dropListOrderIndexes(queryRunner, 'companies.company', BY_NAME.name);
    await queryRunner.query(`CREATE INDEX company_name_order_idx ON companies.company ((name COLLATE "und-x-icu"), id)`);
    await queryRunner.query(`ALTER TABLE companies.company DROP COLUMN synthetic`);
  }
}
