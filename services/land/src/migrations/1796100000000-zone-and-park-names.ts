import { addTranslatedNames } from '@azg/core/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Names in three languages: `names` holds an industrial zone's or park's name by language code,
 * as core's Translations (only kk, ru and en, each a string). Rows already present are filled
 * from their English and Kazakh name columns, which is all the sources give.
 */
export class ZoneAndParkNames1796100000000 implements MigrationInterface {
  name = 'ZoneAndParkNames1796100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['industrial_zone', 'industrial_park']) await addTranslatedNames(queryRunner, `land.${table}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['industrial_park', 'industrial_zone']) await queryRunner.query(`ALTER TABLE land.${table} DROP COLUMN names`);
  }
}
