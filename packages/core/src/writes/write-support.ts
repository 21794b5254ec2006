import type { QueryRunner } from 'typeorm';
import { addVersionColumn, createWriteTables, dropVersionColumn, dropWriteTables } from './write-tables';

/**
 * What a subgraph's migration adds when the subgraph starts taking writes: its audit log and
 * idempotency keys (`createWriteTables`), and a `version` on each table that becomes editable
 * (`addVersionColumn`, schema-qualified names). The columns each table needs besides are the
 * migration's own. Called by migrations that have run, so what it does must never change.
 */
export async function createWriteSupport(queryRunner: QueryRunner, schema: string, editableTables: readonly string[]): Promise<void> {
  await createWriteTables(queryRunner, schema);
  for (const table of editableTables) await addVersionColumn(queryRunner, table);
}

/** Undoes `createWriteSupport` (a migration's `down`): the versions, newest table first, then the write tables. */
export async function dropWriteSupport(queryRunner: QueryRunner, schema: string, editableTables: readonly string[]): Promise<void> {
  for (const table of [...editableTables].reverse()) await dropVersionColumn(queryRunner, table);
  await dropWriteTables(queryRunner, schema);
}
