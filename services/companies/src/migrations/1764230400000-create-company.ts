import { addTouchUpdatedAtTrigger, createTouchUpdatedAtFunction, sourceListColumn, timestampColumns } from '@azg/core/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Sector enum's values when this migration was written. A migration is a snapshot: when
 * core's Sector grows, a new migration widens the CHECK (a unit test compares the two).
 */
export const SECTOR_VALUES = [
  'CONSTRUCTION_MATERIALS', 'HEATING_EQUIPMENT', 'CABLE_AND_WIRE', 'ENERGY_EQUIPMENT', 'RESEARCH',
  'MEDICAL_DIAGNOSTICS', 'MEDICAL_PRODUCTS', 'CHEMICAL', 'CONSTRUCTION', 'MACHINE_BUILDING',
] as const;

/**
 * Every spelling is an object in its GraphQL shape. The jsonpath finds an element that is not;
 * a missing key makes `exists` false, so it is caught as well as a wrong value.
 */
const SPELLINGS_CHECK = `CHECK (
  jsonb_typeof(spellings) = 'array' AND jsonb_array_length(spellings) > 0
  AND NOT jsonb_path_exists(spellings, '$[*] ? (
        !exists(@.text) || !exists(@.script) || !exists(@.origin) || !exists(@.paragraph)
     || @.text.type() != "string" || @.paragraph.type() != "number"
     || !(@.script == "KAZAKH_CYRILLIC" || @.script == "CYRILLIC" || @.script == "LATIN" || @.script == "MIXED")
     || !(@.origin == "ORIGINAL" || @.origin == "TRANSLATION"))'))`;

/** The company table: one row per company, its spellings and provenance as jsonb in GraphQL shape. */
export class CreateCompany1764230400000 implements MigrationInterface {
  name = 'CreateCompany1764230400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE companies.company (
        id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,99}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        latin_name text NOT NULL CHECK (latin_name ~ '^[ -~]+$' AND length(latin_name) <= 300),
        spellings jsonb NOT NULL ${SPELLINGS_CHECK},
        legal_form text CHECK (legal_form IN ('LLP')),
        sectors text[] NOT NULL DEFAULT '{}' CHECK (sectors <@ '{${SECTOR_VALUES.join(',')}}'::text[]),
        ${sourceListColumn('sector_sources')},
        zone_participant boolean NOT NULL,
        ${sourceListColumn('participation_sources')},
        ${sourceListColumn('sources')},
        ${timestampColumns()}
      )`);
    // Case-insensitive lookups of a company by name.
    await queryRunner.query(`CREATE INDEX company_name_lower_idx ON companies.company (lower(name))`);
    // The order companies are listed in; creating it also fails the migration early on a server without ICU.
    await queryRunner.query(`CREATE INDEX company_name_order_idx ON companies.company ((name COLLATE "und-x-icu"), id)`);
    // jsonb_path_ops: containment (spellings @> '[{"text": "..."}]') and jsonpath search, at a smaller size than jsonb_ops.
    await queryRunner.query(`CREATE INDEX company_spellings_idx ON companies.company USING gin (spellings jsonb_path_ops)`);
    await queryRunner.query(`CREATE INDEX company_sectors_idx ON companies.company USING gin (sectors)`);
    // The seed only writes rows that differ, so updated_at moves only when a company really changes.
    await createTouchUpdatedAtFunction(queryRunner, 'companies');
    await addTouchUpdatedAtTrigger(queryRunner, 'companies.company');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE companies.company`);
    await queryRunner.query(`DROP FUNCTION companies.touch_updated_at()`);
  }
}
