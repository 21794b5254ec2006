import type { QueryRunner } from 'typeorm';
import { plainIdentifier as identifier } from '../database/sql-identifier';

/** Longest idempotency key a client may send. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/**
 * Creates the two tables every subgraph that takes writes keeps in its own schema:
 *
 * - `audit_log`: one row per write, appended in the write's transaction (who, when, which
 *   operation, the record, its state before and after). A trigger refuses UPDATE, DELETE and
 *   TRUNCATE, so not even the service's own role can rewrite history by accident.
 * - `idempotency_keys`: the first result of each (caller, key), so a retry returns it and writes
 *   nothing twice.
 *
 * Called from a service's own migration, so each service's history says when it gained them.
 */
export async function createWriteTables(queryRunner: QueryRunner, schema: string): Promise<void> {
  const s = identifier(schema);
  await queryRunner.query(`
    CREATE TABLE ${s}.audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_subject text NOT NULL,
      actor_role text NOT NULL CHECK (actor_role IN ('anonymous', 'partner', 'editor', 'admin')),
      actor_key_id text,
      request_id text,
      operation text NOT NULL,
      record_type text NOT NULL,
      record_id text NOT NULL,
      before jsonb,
      after jsonb,
      idempotency_key text CHECK (length(idempotency_key) <= ${MAX_IDEMPOTENCY_KEY_LENGTH})
    )`);
  // The admin's three filters, each with the id as the page order (ascending, as written).
  await queryRunner.query(`CREATE INDEX audit_log_record_idx ON ${s}.audit_log (record_type, record_id, id)`);
  await queryRunner.query(`CREATE INDEX audit_log_actor_idx ON ${s}.audit_log (actor_subject, id)`);
  await queryRunner.query(`CREATE INDEX audit_log_at_idx ON ${s}.audit_log (at, id)`);
  await queryRunner.query(`
    CREATE FUNCTION ${s}.audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'the audit log is append-only: % is refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END
    $$`);
  await queryRunner.query(`
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON ${s}.audit_log
      FOR EACH ROW EXECUTE FUNCTION ${s}.audit_log_append_only()`);
  await queryRunner.query(`
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON ${s}.audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION ${s}.audit_log_append_only()`);
  await queryRunner.query(`
    CREATE TABLE ${s}.idempotency_keys (
      actor_subject text NOT NULL,
      key text NOT NULL CHECK (length(key) BETWEEN 1 AND ${MAX_IDEMPOTENCY_KEY_LENGTH}),
      operation text NOT NULL,
      input_hash text NOT NULL,
      result jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (actor_subject, key)
    )`);
}

/** Undoes `createWriteTables` (a migration's `down`): drops the log, its trigger function and the keys. */
export async function dropWriteTables(queryRunner: QueryRunner, schema: string): Promise<void> {
  const s = identifier(schema);
  await queryRunner.query(`DROP TABLE ${s}.idempotency_keys`);
  await queryRunner.query(`DROP TABLE ${s}.audit_log`);
  await queryRunner.query(`DROP FUNCTION ${s}.audit_log_append_only()`);
}

/**
 * Makes `table` (schema-qualified) editable: a `version` every update names and moves on (see
 * `WriteTransaction.updateVersioned`), and an `updated_at` when the table has none yet.
 * Rows already present start at version 1.
 */
export async function addVersionColumn(queryRunner: QueryRunner, table: string): Promise<void> {
  const [schema, name] = table.split('.');
  if (!schema || !name) throw new Error(`name the table with its schema: ${table}`);
  const qualified = `${identifier(schema)}.${identifier(name)}`;
  await queryRunner.query(`ALTER TABLE ${qualified}
    ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now()`);
}

/** Undoes `addVersionColumn` (the `updated_at` stays: most tables had it before). */
export async function dropVersionColumn(queryRunner: QueryRunner, table: string): Promise<void> {
  const [schema, name] = table.split('.');
  await queryRunner.query(`ALTER TABLE ${identifier(schema ?? '')}.${identifier(name ?? '')} DROP COLUMN version`);
}
