import type { QueryRunner } from 'typeorm';
import { createWriteSupport, dropWriteSupport } from './write-support';

/** A query runner that keeps the statements it is given, whitespace collapsed. */
function recordingQueryRunner(): { queryRunner: QueryRunner; statements: string[] } {
  const statements: string[] = [];
  const queryRunner = {
    query: async (sql: string) => { statements.push(sql.replace(/\s+/g, ' ').trim()); return []; },
  } as unknown as QueryRunner;
  return { queryRunner, statements };
}

describe('createWriteSupport', () => {
  it('creates the write tables, then a version on each editable table in order', async () => {
    const { queryRunner, statements } = recordingQueryRunner();
    await createWriteSupport(queryRunner, 'workforce', ['workforce.training_institution', 'workforce.project_jobs']);
    expect(statements[0]).toMatch(/^CREATE TABLE workforce\.audit_log /);
    expect(statements.slice(-2)).toEqual([
      'ALTER TABLE workforce.training_institution ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1), '
        + 'ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now()',
      'ALTER TABLE workforce.project_jobs ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1), '
        + 'ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now()',
    ]);
  });
});

describe('dropWriteSupport', () => {
  it('drops the versions, last table first, then the write tables', async () => {
    const { queryRunner, statements } = recordingQueryRunner();
    await dropWriteSupport(queryRunner, 'projects', ['projects.project', 'projects.project_group']);
    expect(statements).toEqual([
      'ALTER TABLE projects.project_group DROP COLUMN version',
      'ALTER TABLE projects.project DROP COLUMN version',
      'DROP TABLE projects.idempotency_keys',
      'DROP TABLE projects.audit_log',
      'DROP FUNCTION projects.audit_log_append_only()',
    ]);
  });
});
