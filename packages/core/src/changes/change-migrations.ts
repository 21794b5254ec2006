import type { QueryRunner } from 'typeorm';
import { plainIdentifier as identifier } from '../database/sql-identifier';
import { changeChannel } from './change-event';

/*
 * The SQL that makes a schema publish its changes, and that keeps a consumer's checkpoints. As
 * with core's other migration builders, a migration that has run never runs again while a fresh
 * database runs all of them, so each builder's text is frozen: a new shape gets a new builder.
 */

const ENTITY = /^[A-Z][A-Za-z0-9]*$/;

/** `LandPlot` → `land_plot`: the suffix of an entity's state and trigger functions. */
export function entitySnakeName(entity: string): string {
  if (!ENTITY.test(entity)) throw new Error(`an entity is named in PascalCase: ${entity}`);
  return entity.replace(/(?<!^)([A-Z])/g, '_$1').toLowerCase();
}

/** The function that gives an entity's published state from one of its rows. */
export function changeStateFunction(schema: string, entity: string): string {
  return `${identifier(schema, 'the schema')}.change_state_${entitySnakeName(entity)}`;
}

/**
 * The advisory lock key of a schema's positions: FNV-1a of its channel name, as a signed 32-bit
 * integer, so that every schema has its own lock and no other code's keys (small integers) meet it.
 */
export function changeLockKey(schema: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(changeChannel(schema), 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/**
 * The outbox of `schema`: `change_outbox`, one row per committed change of a published record,
 * `change_publication`, which entity comes from which table (the feed's snapshots read it), and
 * `lock_change_positions()`, which a writer calls before it takes positions.
 *
 * Why positions follow commit order: a position comes from the sequence, and a sequence hands
 * numbers out in call order, not commit order; alone, a transaction holding 7 could commit after
 * one holding 8, and a reader that saw 8 and resumed "after 8" would skip 7 forever. So every
 * writer first takes a transaction-level advisory lock on the schema's key and only then calls
 * `nextval`; Postgres releases that lock after the commit is visible to others. Whoever took
 * positions below N held the lock before N's writer did, and so had committed (or rolled back)
 * and become visible before N's writer even got its numbers. A reader that sees position N has
 * therefore seen every committed position below N, and "resume after the last position seen"
 * skips nothing; the gaps it meets are rolled-back numbers that will never appear. The cost: the
 * schema's writers of published records take turns from their first change to their commit.
 *
 * `committed_at` is the clock when the change was recorded, inside the writing transaction.
 * `change_outbox_pruned` holds the highest position deleted by retention (see `pruneChanges`): a
 * reader asking for the events after an older position would miss some, and is told to rebuild.
 */
export async function createChangeOutbox(queryRunner: QueryRunner, schema: string): Promise<void> {
  identifier(schema, 'the schema');
  await queryRunner.query(`CREATE TABLE ${schema}.change_outbox (
    position bigserial PRIMARY KEY,
    entity text NOT NULL,
    entity_id text NOT NULL,
    operation text NOT NULL CHECK (operation IN ('UPSERT', 'DELETE')),
    state jsonb,
    committed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    CHECK ((operation = 'DELETE') = (state IS NULL))
  )`);
  await queryRunner.query(`CREATE TABLE ${schema}.change_publication (
    entity text PRIMARY KEY,
    table_name text NOT NULL,
    id_column text NOT NULL
  )`);
  await queryRunner.query(`CREATE TABLE ${schema}.change_outbox_pruned (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    up_to bigint NOT NULL
  )`);
  await queryRunner.query(`INSERT INTO ${schema}.change_outbox_pruned (up_to) VALUES (0)`);
  await queryRunner.query(`CREATE FUNCTION ${schema}.lock_change_positions() RETURNS void LANGUAGE sql AS $$
    SELECT pg_advisory_xact_lock(${changeLockKey(schema)})
  $$`);
}

export async function dropChangeOutbox(queryRunner: QueryRunner, schema: string): Promise<void> {
  identifier(schema, 'the schema');
  await queryRunner.query(`DROP FUNCTION ${schema}.lock_change_positions()`);
  await queryRunner.query(`DROP TABLE ${schema}.change_outbox_pruned`);
  await queryRunner.query(`DROP TABLE ${schema}.change_publication`);
  await queryRunner.query(`DROP TABLE ${schema}.change_outbox`);
}

/** One entity a schema publishes: where its rows are, and what of them others may read. */
export interface PublishedEntity {
  schema: string;
  /** PascalCase, as events name it: `LandPlot`. */
  entity: string;
  /** Its table, schema-qualified: `land.land_plot`. */
  table: string;
  /** The column holding the entity's id. */
  idColumn: string;
  /** A SQL expression over the row `r` returning jsonb: the whole state the owner publishes. */
  state: string;
  /** The columns `state` reads: an UPDATE that changes none of them records nothing. */
  columns: readonly string[];
}

/** The trigger function's body: each statement's changed rows, recorded by one INSERT ... SELECT. */
function recordingBody(published: PublishedEntity): string {
  const { schema, entity, idColumn } = published;
  const outbox = `${schema}.change_outbox (entity, entity_id, operation, state)`;
  const stateOf = changeStateFunction(schema, entity);
  const changed = published.columns.map((column) => `o.${column} IS DISTINCT FROM n.${column}`).join(' OR ');
  return `BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NOT EXISTS (SELECT FROM new_rows) THEN RETURN NULL; END IF;
    PERFORM ${schema}.lock_change_positions();
    INSERT INTO ${outbox}
      SELECT '${entity}', n.${idColumn}, 'UPSERT', ${stateOf}(n) FROM new_rows n ORDER BY n.${idColumn};
  ELSIF TG_OP = 'UPDATE' THEN
    IF NOT EXISTS (SELECT FROM new_rows) THEN RETURN NULL; END IF;
    PERFORM ${schema}.lock_change_positions();
    INSERT INTO ${outbox}
      SELECT '${entity}', n.${idColumn}, 'UPSERT', ${stateOf}(n)
        FROM new_rows n LEFT JOIN old_rows o ON o.${idColumn} = n.${idColumn}
       WHERE o.${idColumn} IS NULL OR ${changed}
       ORDER BY n.${idColumn};
    -- An update that changed an id removed the record under its old one.
    INSERT INTO ${outbox}
      SELECT '${entity}', o.${idColumn}, 'DELETE', NULL FROM old_rows o
       WHERE NOT EXISTS (SELECT FROM new_rows n WHERE n.${idColumn} = o.${idColumn})
       ORDER BY o.${idColumn};
  ELSE
    IF NOT EXISTS (SELECT FROM old_rows) THEN RETURN NULL; END IF;
    PERFORM ${schema}.lock_change_positions();
    INSERT INTO ${outbox}
      SELECT '${entity}', o.${idColumn}, 'DELETE', NULL FROM old_rows o ORDER BY o.${idColumn};
  END IF;
  -- The same payload all along, so a transaction's notifications fold into one wake-up at commit.
  PERFORM pg_notify('${changeChannel(schema)}', '');
  RETURN NULL;
END`;
}

/**
 * Publishes an entity: `change_state_<entity>(r)` gives a row's state, and statement-level
 * triggers record every INSERT, UPDATE (of one of `columns`) and DELETE of the table in the
 * outbox, in the writing transaction, whoever writes: mutations, the seed, the synthetic writer,
 * an operator's SQL. Statement-level with transition tables, so a bulk write of many rows costs
 * one INSERT ... SELECT into the outbox and one notification, not a trigger call per row.
 */
export async function publishChanges(queryRunner: QueryRunner, published: PublishedEntity): Promise<void> {
  const { schema, entity, table, idColumn } = published;
  identifier(schema, 'the schema');
  identifier(idColumn, 'the id column');
  for (const column of published.columns) identifier(column, 'a published column');
  if (published.columns.length === 0) throw new Error(`${entity} publishes no columns`);
  const [tableSchema, tableName, ...rest] = table.split('.');
  if (tableSchema !== schema || rest.length > 0) throw new Error(`${entity}'s table must be in ${schema}: ${table}`);
  identifier(tableName ?? '', 'the table');
  const snake = entitySnakeName(entity);
  await queryRunner.query(`CREATE FUNCTION ${changeStateFunction(schema, entity)}(r ${table}) RETURNS jsonb LANGUAGE sql STABLE AS $$
    SELECT ${published.state}
  $$`);
  await queryRunner.query(`CREATE FUNCTION ${schema}.record_${snake}_changes() RETURNS trigger LANGUAGE plpgsql AS $$
${recordingBody(published)}
$$`);
  const triggers = [
    ['insert', 'INSERT', 'NEW TABLE AS new_rows'],
    ['update', 'UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'],
    ['delete', 'DELETE', 'OLD TABLE AS old_rows'],
  ] as const;
  for (const [name, event, transition] of triggers) {
    await queryRunner.query(`CREATE TRIGGER record_${snake}_${name}s AFTER ${event} ON ${table}
      REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.record_${snake}_changes()`);
  }
  await queryRunner.query(`INSERT INTO ${schema}.change_publication (entity, table_name, id_column) VALUES ($1, $2, $3)`, [entity, table, idColumn]);
}

/** Undoes `publishChanges`: the triggers, the functions, the publication (the outbox keeps what it recorded). */
export async function unpublishChanges(queryRunner: QueryRunner, published: Pick<PublishedEntity, 'schema' | 'entity' | 'table'>): Promise<void> {
  const { schema, entity, table } = published;
  const snake = entitySnakeName(entity);
  for (const name of ['insert', 'update', 'delete']) await queryRunner.query(`DROP TRIGGER record_${snake}_${name}s ON ${table}`);
  await queryRunner.query(`DROP FUNCTION ${schema}.record_${snake}_changes()`);
  await queryRunner.query(`DROP FUNCTION ${changeStateFunction(schema, entity)}(${table})`);
  await queryRunner.query(`DELETE FROM ${schema}.change_publication WHERE entity = $1`, [entity]);
}

/**
 * A consumer's checkpoints, in its own schema: per source, the last position whose effect it has
 * committed. Written in the same transaction as that effect, so the two never disagree.
 */
export async function createChangeCheckpoints(queryRunner: QueryRunner, schema: string): Promise<void> {
  identifier(schema, 'the schema');
  await queryRunner.query(`CREATE TABLE ${schema}.change_checkpoint (
    source text PRIMARY KEY,
    position bigint NOT NULL CHECK (position >= 0),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`);
}

export async function dropChangeCheckpoints(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`DROP TABLE ${identifier(schema, 'the schema')}.change_checkpoint`);
}
