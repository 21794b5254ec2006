import { addSearchDocument, dropSearchDocument, translationsColumn } from '@azg/core/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { companySearchKeys, companyTranslations, type CompanyNaming } from '../company/company-language';

/** A jsonb array of core StoredSearchKey objects: each has the spelling's text and its key. */
const SEARCH_KEYS_CHECK = `CHECK (jsonb_typeof(search_keys) = 'array'
  AND NOT jsonb_path_exists(search_keys, '$[*] ? (!exists(@.text) || !exists(@.key) || @.text.type() != "string" || @.key.type() != "string")'))`;

/**
 * Names in three languages, and search by any spelling.
 *
 * `names` holds the company's name in the languages the document gives it in. `search_keys`
 * holds each spelling's search key (core's searchKey: lower case, Latin letters, no quotes,
 * legal forms or punctuation); `search_document`, generated from them, holds every key spaced
 * and compact in one text, with a pg_trgm index that answers substring and similarity searches.
 * Rows already present get their names and keys here, computed by the same code as the seed's.
 */
export class CompanyNamesAndSearch1796100000000 implements MigrationInterface {
  name = 'CompanyNamesAndSearch1796100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE companies.company ADD COLUMN ${translationsColumn('names')}`);
    await queryRunner.query(`ALTER TABLE companies.company ADD COLUMN search_keys jsonb NOT NULL DEFAULT '[]' ${SEARCH_KEYS_CHECK}`);
    await addSearchDocument(queryRunner, 'companies.company');

    const rows = await queryRunner.query(`SELECT id, name, latin_name AS "latinName", spellings FROM companies.company`) as Array<CompanyNaming & { id: string }>;
    if (rows.length > 0) {
      await queryRunner.query(
        `UPDATE companies.company c SET names = filled.names, search_keys = filled.search_keys
           FROM jsonb_to_recordset($1::jsonb) AS filled(id text, names jsonb, search_keys jsonb)
          WHERE c.id = filled.id`,
        [JSON.stringify(rows.map((row) => ({ id: row.id, names: companyTranslations(row), search_keys: companySearchKeys(row) })))],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropSearchDocument(queryRunner, 'companies.company');
    await queryRunner.query(`ALTER TABLE companies.company DROP COLUMN search_keys, DROP COLUMN names`);
  }
}
