import type { MigrationInterface, QueryRunner } from 'typeorm';

const NAMES_CHECK = `CHECK (jsonb_typeof(names) = 'object'
  AND NOT jsonb_path_exists(names, '$.keyvalue() ? (!(@.key == "kk" || @.key == "ru" || @.key == "en") || @.value.type() != "string")'))`;

/**
 * Names in three languages: `names` holds an industrial zone's or park's name by language code,
 * as core's Translations (only kk, ru and en, each a string). Rows already present are filled
 * from their English and Kazakh name columns, which is all the sources give.
 */
export class ZoneAndParkNames1796100000000 implements MigrationInterface {
  name = 'ZoneAndParkNames1796100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['industrial_zone', 'industrial_park']) {
      await queryRunner.query(`ALTER TABLE land.${table} ADD COLUMN names jsonb NOT NULL DEFAULT '{}' ${NAMES_CHECK}`);
      await queryRunner.query(`UPDATE land.${table} SET names = jsonb_strip_nulls(jsonb_build_object('kk', NULLIF(btrim(name_kk), ''), 'en', name))`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['industrial_park', 'industrial_zone']) await queryRunner.query(`ALTER TABLE land.${table} DROP COLUMN names`);
  }
}
