import type { MigrationInterface, QueryRunner } from 'typeorm';
import { groupTranslations } from '../project-group/project-group-language';
import { projectSearchKeys, projectTranslations } from '../project/project-language';

/** A jsonb object of texts by language code, as core's Translations: only kk, ru and en, each a string. */
const translationsCheck = (column: string) => `CHECK (jsonb_typeof(${column}) = 'object'
  AND NOT jsonb_path_exists(${column}, '$.keyvalue() ? (!(@.key == "kk" || @.key == "ru" || @.key == "en") || @.value.type() != "string")'))`;

/** A jsonb array of stored search keys: each has the name's text, its key and the name's language. */
const SEARCH_KEYS_CHECK = `CHECK (jsonb_typeof(search_keys) = 'array'
  AND NOT jsonb_path_exists(search_keys, '$[*] ? (!exists(@.text) || !exists(@.key) || @.text.type() != "string" || @.key.type() != "string"
      || !(@.language == "KK" || @.language == "RU" || @.language == "EN"))'))`;

/**
 * Names in three languages, and search by any spelling of a project's name.
 *
 * `names` (projects and groups) and `descriptions` (groups) hold the texts by language that the
 * sources give. `search_keys` holds each project name's search key (core's searchKey) with its
 * language; `search_document`, generated from them, holds every key spaced and compact in one text,
 * with a pg_trgm index. Rows already present are filled here by the same code as the seed's.
 */
export class NamesAndSearch1796100000000 implements MigrationInterface {
  name = 'NamesAndSearch1796100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // In public, so every service's schema (search_path "<service>, public") sees one copy.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`);
    await queryRunner.query(`ALTER TABLE projects.project
      ADD COLUMN names jsonb NOT NULL DEFAULT '{}' ${translationsCheck('names')},
      ADD COLUMN search_keys jsonb NOT NULL DEFAULT '[]' ${SEARCH_KEYS_CHECK}`);
    await queryRunner.query(`
      CREATE FUNCTION projects.search_document(keys jsonb) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        RETURN (SELECT COALESCE(string_agg((entry->>'key') || ' ' || replace(entry->>'key', ' ', ''), ' ' ORDER BY position), '')
                  FROM jsonb_array_elements(keys) WITH ORDINALITY AS stored(entry, position))`);
    await queryRunner.query(`ALTER TABLE projects.project
      ADD COLUMN search_document text GENERATED ALWAYS AS (projects.search_document(search_keys)) STORED`);
    await queryRunner.query(`CREATE INDEX project_search_document_idx ON projects.project USING gin (search_document public.gin_trgm_ops)`);
    await queryRunner.query(`ALTER TABLE projects.project_group
      ADD COLUMN names jsonb NOT NULL DEFAULT '{}' ${translationsCheck('names')},
      ADD COLUMN descriptions jsonb NOT NULL DEFAULT '{}' ${translationsCheck('descriptions')}`);

    const projects = await queryRunner.query(`SELECT id, name, name_kk AS "nameKk" FROM projects.project`) as Array<{ id: string; name: string; nameKk: string | null }>;
    if (projects.length > 0) {
      await queryRunner.query(
        `UPDATE projects.project p SET names = filled.names, search_keys = filled.search_keys
           FROM jsonb_to_recordset($1::jsonb) AS filled(id text, names jsonb, search_keys jsonb)
          WHERE p.id = filled.id`,
        [JSON.stringify(projects.map((project) => {
          const names = projectTranslations(project);
          return { id: project.id, names, search_keys: projectSearchKeys(names) };
        }))],
      );
    }
    const groups = await queryRunner.query(`SELECT id, name, name_kk AS "nameKk", description FROM projects.project_group`) as
      Array<{ id: string; name: string; nameKk: string | null; description: string }>;
    if (groups.length > 0) {
      await queryRunner.query(
        `UPDATE projects.project_group g SET names = filled.names, descriptions = filled.descriptions
           FROM jsonb_to_recordset($1::jsonb) AS filled(id text, names jsonb, descriptions jsonb)
          WHERE g.id = filled.id`,
        [JSON.stringify(groups.map((group) => ({ id: group.id, ...groupTranslations(group) })))],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE projects.project_group DROP COLUMN descriptions, DROP COLUMN names`);
    await queryRunner.query(`DROP INDEX projects.project_search_document_idx`);
    await queryRunner.query(`ALTER TABLE projects.project DROP COLUMN search_document, DROP COLUMN search_keys, DROP COLUMN names`);
    await queryRunner.query(`DROP FUNCTION projects.search_document(jsonb)`);
  }
}
