import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Names in three languages: `names` holds a training institution's name by language code, as
 * core's Translations (only kk, ru and en, each a string). Rows already present are filled from
 * their English and Kazakh name columns, which is all the sources give.
 */
export class TrainingInstitutionNames1796100000000 implements MigrationInterface {
  name = 'TrainingInstitutionNames1796100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE workforce.training_institution
      ADD COLUMN names jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(names) = 'object'
        AND NOT jsonb_path_exists(names, '$.keyvalue() ? (!(@.key == "kk" || @.key == "ru" || @.key == "en") || @.value.type() != "string")'))`);
    await queryRunner.query(`UPDATE workforce.training_institution
      SET names = jsonb_strip_nulls(jsonb_build_object('kk', NULLIF(btrim(name_kk), ''), 'en', name))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE workforce.training_institution DROP COLUMN names`);
  }
}
