import { enteredByColumn } from '@azg/core/database';
import { createWriteSupport, dropWriteSupport } from '@azg/core/writes';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Spellings as the first migration checked them, and as they may be now: an editor may add a
 * spelling no document gives (origin ENTERED, no paragraph); a document's spelling keeps its paragraph.
 */
const spellingsCheck = (entered: boolean) => `CHECK (
  jsonb_typeof(spellings) = 'array' AND jsonb_array_length(spellings) > 0
  AND NOT jsonb_path_exists(spellings, '$[*] ? (
        !exists(@.text) || !exists(@.script) || !exists(@.origin) || !exists(@.paragraph)
     || @.text.type() != "string"
     || ${entered ? '!((@.origin == "ENTERED" && @.paragraph == null) || (@.origin != "ENTERED" && @.paragraph.type() == "number"))' : '@.paragraph.type() != "number"'}
     || !(@.script == "KAZAKH_CYRILLIC" || @.script == "CYRILLIC" || @.script == "LATIN" || @.script == "MIXED")
     || !(@.origin == "ORIGINAL" || @.origin == "TRANSLATION"${entered ? ' || @.origin == "ENTERED"' : ''}))'))`;

/**
 * Writes: a company becomes editable (a `version` every update names), keeps the authors of
 * writes that stated no source, may gain spellings an editor entered, and the subgraph gains its
 * append-only audit log and idempotency keys (core's `createWriteSupport`).
 */
export class CompanyWritesAndAudit1797000000000 implements MigrationInterface {
  name = 'CompanyWritesAndAudit1797000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createWriteSupport(queryRunner, 'companies', ['companies.company']);
    await queryRunner.query(`ALTER TABLE companies.company ADD COLUMN ${enteredByColumn()}`);
    await queryRunner.query(`ALTER TABLE companies.company DROP CONSTRAINT company_spellings_check`);
    await queryRunner.query(`ALTER TABLE companies.company ADD CONSTRAINT company_spellings_check ${spellingsCheck(true)}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE companies.company DROP CONSTRAINT company_spellings_check`);
    await queryRunner.query(`ALTER TABLE companies.company ADD CONSTRAINT company_spellings_check ${spellingsCheck(false)}`);
    await queryRunner.query(`ALTER TABLE companies.company DROP COLUMN entered_by`);
    await dropWriteSupport(queryRunner, 'companies', ['companies.company']);
  }
}
