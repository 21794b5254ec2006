import { addTranslatedNames } from '@azg/core/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Names in three languages: `names` holds a training institution's name by language code, as
 * core's Translations (only kk, ru and en, each a string). Rows already present are filled from
 * their English and Kazakh name columns, which is all the sources give.
 */
export class TrainingInstitutionNames1796100000000 implements MigrationInterface {
  name = 'TrainingInstitutionNames1796100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await addTranslatedNames(queryRunner, 'workforce.training_institution');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE workforce.training_institution DROP COLUMN names`);
  }
}
