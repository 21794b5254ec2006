import type { MigrationInterface, QueryRunner } from 'typeorm';
import { companySearchKeys, companyTranslations, type CompanyNaming } from '../company/company-language';

/** A jsonb object of texts by language code, as core's Translations: only kk, ru and en, each a string. */
const NAMES_CHECK = `CHECK (jsonb_typeof(names) = 'object'
  AND NOT jsonb_path_exists(names, '$.keyvalue() ? (!(@.key == "kk" || @.key == "ru" || @.key == "en") || @.value.type() != "string")'))`;

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
    // In public, so every service's schema (search_path "<service>, public") sees one copy.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`);
    await queryRunner.query(`ALTER TABLE companies.company ADD COLUMN names jsonb NOT NULL DEFAULT '{}' ${NAMES_CHECK}`);
    await queryRunner.query(`ALTER TABLE companies.company ADD COLUMN search_keys jsonb NOT NULL DEFAULT '[]' ${SEARCH_KEYS_CHECK}`);
    await queryRunner.query(`
      CREATE FUNCTION companies.search_document(keys jsonb) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        RETURN (SELECT COALESCE(string_agg((entry->>'key') || ' ' || replace(entry->>'key', ' ', ''), ' ' ORDER BY position), '')
                  FROM jsonb_array_elements(keys) WITH ORDINALITY AS stored(entry, position))`);
    await queryRunner.query(`ALTER TABLE companies.company
      ADD COLUMN search_document text GENERATED ALWAYS AS (companies.search_document(search_keys)) STORED`);
    await queryRunner.query(`CREATE INDEX company_search_document_idx ON companies.company USING gin (search_document public.gin_trgm_ops)`);

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
    await queryRunner.query(`DROP INDEX companies.company_search_document_idx`);
    await queryRunner.query(`ALTER TABLE companies.company DROP COLUMN search_document, DROP COLUMN search_keys, DROP COLUMN names`);
    await queryRunner.query(`DROP FUNCTION companies.search_document(jsonb)`);
  }
}
