import { addSearchDocument, dropSearchDocument, translationsColumn } from '@azg/core/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { groupTranslations } from '../project-group/project-group-language';
import { projectSearchKeys, projectTranslations } from '../project/project-language';

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
    await queryRunner.query(`ALTER TABLE projects.project
      ADD COLUMN ${translationsColumn('names')},
      ADD COLUMN search_keys jsonb NOT NULL DEFAULT '[]' ${SEARCH_KEYS_CHECK}`);
    await addSearchDocument(queryRunner, 'projects.project');
    await queryRunner.query(`ALTER TABLE projects.project_group
      ADD COLUMN ${translationsColumn('names')},
      ADD COLUMN ${translationsColumn('descriptions')}`);

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
    await dropSearchDocument(queryRunner, 'projects.project');
    await queryRunner.query(`ALTER TABLE projects.project DROP COLUMN search_keys, DROP COLUMN names`);
  }
}
