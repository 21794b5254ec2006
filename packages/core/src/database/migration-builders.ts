import type { QueryRunner } from 'typeorm';
import { plainIdentifier, schemaTable } from './sql-identifier';

/*
 * SQL shapes that more than one service's migrations make. A migration that has run is never run
 * again, but a fresh database runs all of them: if a builder here wrote different SQL tomorrow, a
 * new database would differ from every old one. So each builder's text is frozen (the test beside
 * this file pins it to the letter); a new shape gets a new builder, never an edit of an old one.
 * For the same reason the synthetic-id prefix is spelled out here instead of imported.
 */

/** A provenance list column (`sources`, `sector_sources`...): a jsonb array, empty by default. */
export function sourceListColumn(column: string): string {
  return `${column} jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(${column}) = 'array')`;
}

/**
 * A record's `created_at` and `updated_at`, both now() on insert; `updated_at` moves on update
 * only where the table has its touch trigger (`addTouchUpdatedAtTrigger`).
 */
export function timestampColumns(): string {
  return `created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()`;
}

/** A column of core's Translations: a jsonb object of texts by language code, only kk, ru and en, each a string. */
export function translationsColumn(column: string): string {
  return `${column} jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(${column}) = 'object'
  AND NOT jsonb_path_exists(${column}, '$.keyvalue() ? (!(@.key == "kk" || @.key == "ru" || @.key == "en") || @.value.type() != "string")'))`;
}

/**
 * The `entered_by` column: core's AuthorEntry (who, in which role, when, with which mutation) for
 * every write of a record that stated no source, oldest first.
 */
export function enteredByColumn(): string {
  return `entered_by jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(entered_by) = 'array'
  AND NOT jsonb_path_exists(entered_by, '$[*] ? (!exists(@.subject) || !exists(@.role) || !exists(@.at) || !exists(@.operation))'))`;
}

/**
 * A SQL condition: `column` holds core's PartialDate in its GraphQL shape (a year, the text the
 * document gives, the precision, whether the date is the event's or a deadline, and sources).
 */
export function isPartialDate(column: string): string {
  return `jsonb_typeof(${column}) = 'object'
  AND jsonb_typeof(${column}->'year') = 'number' AND ${column} ? 'text' AND ${column} ? 'stated'
  AND ${column}->>'precision' IN ('YEAR', 'QUARTER', 'MONTH', 'DAY')
  AND ${column}->>'bound' IN ('IN', 'BY')
  AND jsonb_typeof(${column}->'sources') = 'array'`;
}

/**
 * Adds `names` (core's Translations) to a table whose rows name themselves in `name` (English)
 * and `name_kk` (Kazakh, may be blank), and fills it from them for the rows already present:
 * that is all the sources give.
 */
export async function addTranslatedNames(queryRunner: QueryRunner, table: string): Promise<void> {
  const { schema, name } = schemaTable(table);
  await queryRunner.query(`ALTER TABLE ${schema}.${name} ADD COLUMN ${translationsColumn('names')}`);
  await queryRunner.query(`UPDATE ${schema}.${name} SET names = jsonb_strip_nulls(jsonb_build_object('kk', NULLIF(btrim(name_kk), ''), 'en', name))`);
}

/** Which ids decide whether a row is synthetic: each must carry the `synthetic-` prefix exactly when the row does. */
export interface SyntheticIdColumns {
  /** Columns that always hold an id: the row's own, or those of records it cannot exist without. */
  ids: readonly string[];
  /** Columns that may be null (an optional reference): when set, likewise. */
  optionalIds?: readonly string[];
}

/**
 * Adds the `synthetic` flag marking rows the synthetic-data generator wrote, and its check
 * `<table>_synthetic_check`: the flag agrees with the ids' prefix, so a synthetic row never
 * refers to a document's record, nor a document's row to a synthetic one.
 */
export async function addSyntheticFlag(queryRunner: QueryRunner, table: string, { ids, optionalIds = [] }: SyntheticIdColumns): Promise<void> {
  const { schema, name } = schemaTable(table);
  const agreements = [
    ...ids.map((column) => `synthetic = starts_with(${column}, 'synthetic-')`),
    ...optionalIds.map((column) => `(${column} IS NULL OR synthetic = starts_with(${column}, 'synthetic-'))`),
  ];
  await queryRunner.query(`
    ALTER TABLE ${schema}.${name}
      ADD COLUMN synthetic boolean NOT NULL DEFAULT false,
      ADD CONSTRAINT ${name}_synthetic_check CHECK (${agreements.join(' AND ')})`);
}

/** One order a paged list can be read in, by `createListOrderIndexes`. */
export interface ListOrder {
  /** The indexes are `<name>_asc_idx` and `<name>_desc_idx`, e.g. `land_plot_area`. */
  name: string;
  /** What the list is ordered by: a column, or an expression in parentheses. */
  key: string;
  /** The row's id column, the tie-break (in the C collation, as the cursor compares it); `id` by default. */
  id?: string;
  /** Nulls last in both directions; false only where the key is never null (DESC then puts nulls first). */
  nullsLast: boolean;
}

/**
 * The two indexes a paged list in one order reads, ascending and descending, each ending in the
 * id in the C collation so rows with the same key still come in one stable order.
 */
export async function createListOrderIndexes(queryRunner: QueryRunner, table: string, order: ListOrder): Promise<void> {
  const { schema, name } = schemaTable(table);
  const nulls = order.nullsLast ? ' NULLS LAST' : '';
  for (const direction of ['ASC', 'DESC']) {
    await queryRunner.query(
      `CREATE INDEX ${order.name}_${direction.toLowerCase()}_idx ON ${schema}.${name} (${order.key} ${direction}${nulls}, ${order.id ?? 'id'} COLLATE "C")`,
    );
  }
}

/** Undoes `createListOrderIndexes` (a migration's `down`). */
export async function dropListOrderIndexes(queryRunner: QueryRunner, table: string, orderName: string): Promise<void> {
  const { schema } = schemaTable(table);
  for (const direction of ['asc', 'desc']) await queryRunner.query(`DROP INDEX ${schema}.${orderName}_${direction}_idx`);
}

/**
 * The trigger function's source, as the first migrations wrote it: Postgres keeps a function's
 * source to the byte, indentation included.
 */
const TOUCH_UPDATED_AT_SOURCE = `
      BEGIN
        NEW.updated_at := now();
        RETURN NEW;
      END
      `;

/**
 * Creates `<schema>.touch_updated_at()`, the trigger function that moves a row's `updated_at` on
 * every update. The seeds write only rows that differ, so `updated_at` moves only when a record
 * really changes. Each table opts in with `addTouchUpdatedAtTrigger`.
 */
export async function createTouchUpdatedAtFunction(queryRunner: QueryRunner, schema: string): Promise<void> {
  plainIdentifier(schema, 'the schema');
  await queryRunner.query(`
      CREATE FUNCTION ${schema}.touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$${TOUCH_UPDATED_AT_SOURCE}$$`);
}

/** Runs its schema's `touch_updated_at()` before every update of `table`, as `<table>_touch_updated_at`. */
export async function addTouchUpdatedAtTrigger(queryRunner: QueryRunner, table: string): Promise<void> {
  const { schema, name } = schemaTable(table);
  await queryRunner.query(`CREATE TRIGGER ${name}_touch_updated_at BEFORE UPDATE ON ${schema}.${name}
    FOR EACH ROW EXECUTE FUNCTION ${schema}.touch_updated_at()`);
}

/**
 * Search by any spelling: `search_document`, generated from the table's `search_keys` (core's
 * StoredSearchKey array, which the caller adds first), holds every key spaced and compact in one
 * text, with a pg_trgm index that answers substring and similarity searches. Also creates the
 * schema's `search_document(jsonb)` function, so one table per schema is searched this way.
 */
export async function addSearchDocument(queryRunner: QueryRunner, table: string): Promise<void> {
  const { schema, name } = schemaTable(table);
  // In public, so every service's schema (search_path "<service>, public") sees one copy.
  await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`);
  await queryRunner.query(`
    CREATE FUNCTION ${schema}.search_document(keys jsonb) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      RETURN (SELECT COALESCE(string_agg((entry->>'key') || ' ' || replace(entry->>'key', ' ', ''), ' ' ORDER BY position), '')
                FROM jsonb_array_elements(keys) WITH ORDINALITY AS stored(entry, position))`);
  await queryRunner.query(`ALTER TABLE ${schema}.${name}
    ADD COLUMN search_document text GENERATED ALWAYS AS (${schema}.search_document(search_keys)) STORED`);
  await queryRunner.query(`CREATE INDEX ${name}_search_document_idx ON ${schema}.${name} USING gin (search_document public.gin_trgm_ops)`);
}

/** Undoes `addSearchDocument` (a migration's `down`, before it drops `search_keys`). */
export async function dropSearchDocument(queryRunner: QueryRunner, table: string): Promise<void> {
  const { schema, name } = schemaTable(table);
  await queryRunner.query(`DROP INDEX ${schema}.${name}_search_document_idx`);
  await queryRunner.query(`ALTER TABLE ${schema}.${name} DROP COLUMN search_document`);
  await queryRunner.query(`DROP FUNCTION ${schema}.search_document(jsonb)`);
}
