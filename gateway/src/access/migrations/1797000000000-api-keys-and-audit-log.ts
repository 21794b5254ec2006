import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The gateway's own tables: the API keys (the id and a salted hash of the secret, never the key)
 * and an append-only audit log of what admins did to them. A trigger refuses any UPDATE or
 * DELETE on the log, so even a bug (or a person with the gateway's credentials) in the
 * application cannot rewrite history without dropping the trigger first.
 */
export class ApiKeysAndAuditLog1797000000000 implements MigrationInterface {
  name = 'ApiKeysAndAuditLog1797000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE access.api_key (
        id text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{16}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        role text NOT NULL CHECK (role IN ('partner', 'editor', 'admin')),
        salt text NOT NULL,
        secret_hash text NOT NULL CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        expires_at timestamptz,
        revoked_at timestamptz,
        revoked_by text,
        last_used_at timestamptz
      )`);
    await runner.query('CREATE INDEX api_key_created_at ON access.api_key (created_at, id)');
    await runner.query(`
      CREATE TABLE access.audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        actor_role text NOT NULL,
        operation text NOT NULL,
        record_type text NOT NULL,
        record_id text NOT NULL,
        before jsonb,
        after jsonb
      )`);
    await runner.query(`
      CREATE FUNCTION access.refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'access.audit_log is append-only: % refused', TG_OP;
      END $$`);
    await runner.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON access.audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION access.refuse_audit_change()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE access.audit_log');
    await runner.query('DROP FUNCTION access.refuse_audit_change()');
    await runner.query('DROP TABLE access.api_key');
  }
}
