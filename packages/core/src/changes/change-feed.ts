import type { SqlRunner } from '../database/request-database';
import { plainIdentifier, schemaTable } from '../database/sql-identifier';
import type { SubgraphName } from '../registry/subgraphs';
import type { ChangeEvent, ChangeOperation, ChangePage, SnapshotPage } from './change-event';
import { changeStateFunction } from './change-migrations';

interface OutboxRow {
  position: string;
  entity: string;
  entity_id: string;
  operation: ChangeOperation;
  state: Record<string, unknown> | null;
  committed_at: Date;
}

/** Events after the position asked for were deleted by retention: the reader must rebuild from a snapshot. */
export class ChangesPrunedError extends Error {
  constructor(readonly after: string, readonly prunedUpTo: string) {
    super(`the events after ${after} up to ${prunedUpTo} are no longer kept: rebuild from the snapshot, then follow from its head`);
  }
}

/**
 * The events of `schema`'s outbox after position `after`, oldest first, at most `limit`, and the
 * head, read by one statement (one snapshot): every position at or below an event read here that
 * will ever commit has committed (see `createChangeOutbox`), so the next read may start after it.
 * Throws ChangesPrunedError when retention deleted events after `after` (read in the same
 * snapshot), unless `limit` is 0: the head alone is always answered.
 */
export async function readChanges(db: SqlRunner, source: SubgraphName, schema: string, after: string, limit: number): Promise<ChangePage> {
  const rows = await db.query<OutboxRow & { head: string; pruned_up_to: string }>(
    `WITH head AS (SELECT coalesce(max(position), 0)::text AS head,
                          (SELECT up_to::text FROM ${schema}.change_outbox_pruned) AS pruned_up_to
                     FROM ${schema}.change_outbox)
     SELECT head.head, head.pruned_up_to, e.position::text AS position, e.entity, e.entity_id, e.operation, e.state, e.committed_at
       FROM head LEFT JOIN LATERAL (
         SELECT * FROM ${schema}.change_outbox WHERE position > $1::bigint ORDER BY position LIMIT $2
       ) e ON true
      ORDER BY e.position`,
    [after, limit],
  );
  const prunedUpTo = rows[0]?.pruned_up_to ?? '0';
  if (limit > 0 && BigInt(after) < BigInt(prunedUpTo)) throw new ChangesPrunedError(after, prunedUpTo);
  return {
    source,
    head: rows[0]?.head ?? '0',
    events: rows.filter((row) => row.position !== null).map((row): ChangeEvent => ({
      source,
      position: row.position,
      entity: row.entity,
      id: row.entity_id,
      operation: row.operation,
      state: row.state,
      committedAt: row.committed_at.toISOString(),
    })),
  };
}

/** Where a published entity's rows are, from the schema's `change_publication`; null for an entity it does not publish. */
async function publicationOf(db: SqlRunner, schema: string, entity: string): Promise<{ table: string; idColumn: string } | null> {
  const [row] = await db.query<{ table_name: string; id_column: string }>(
    `SELECT table_name, id_column FROM ${schema}.change_publication WHERE entity = $1`,
    [entity],
  );
  if (row === undefined) return null;
  // Written by publishChanges, which checked them; checked again as they go into SQL text.
  plainIdentifier(row.id_column, `${entity}'s id column`);
  if (schemaTable(row.table_name).schema !== schema) throw new Error(`${schema}.change_publication names ${entity}'s table in another schema`);
  return { table: row.table_name, idColumn: row.id_column };
}

/**
 * One page of the current state of every `entity` row with an id after `after`, in id order, by
 * the same state function the triggers use, and the outbox's head read in the same statement
 * (one snapshot): whatever committed after these rows were read has a position above the head.
 * Null when the schema does not publish `entity`.
 */
export async function readSnapshot(db: SqlRunner, source: SubgraphName, schema: string, entity: string, after: string, limit: number): Promise<SnapshotPage | null> {
  const publication = await publicationOf(db, schema, entity);
  if (publication === null) return null;
  const { table, idColumn } = publication;
  const rows = await db.query<{ head: string; id: string | null; state: Record<string, unknown> | null }>(
    `WITH head AS (SELECT coalesce(max(position), 0)::text AS head FROM ${schema}.change_outbox)
     SELECT head.head, page.id, page.state
       FROM head LEFT JOIN LATERAL (
         SELECT r.${idColumn}::text AS id, ${changeStateFunction(schema, entity)}(r) AS state
           FROM ${table} r WHERE r.${idColumn} > $1 ORDER BY r.${idColumn} LIMIT $2
       ) page ON true
      ORDER BY page.id`,
    [after, limit],
  );
  return {
    source,
    entity,
    head: rows[0]?.head ?? '0',
    rows: rows.filter((row) => row.id !== null).map((row) => ({ id: row.id!, state: row.state! })),
  };
}

/**
 * Retention: deletes the events recorded more than `retentionMs` ago, always keeping the newest
 * (the head stays readable), and raises `change_outbox_pruned` to the highest position deleted,
 * in the same statement, so a reader sees either the events or the mark, never neither. Returns
 * how many it deleted. A consumer that was away longer than the retention rebuilds.
 */
export async function pruneChanges(db: SqlRunner, schema: string, retentionMs: number): Promise<number> {
  plainIdentifier(schema, 'the schema');
  const [row] = await db.query<{ deleted: number }>(
    `WITH gone AS (
       DELETE FROM ${schema}.change_outbox
        WHERE committed_at < clock_timestamp() - make_interval(secs => $1::float8 / 1000)
          AND position < (SELECT max(position) FROM ${schema}.change_outbox)
       RETURNING position
     ), marked AS (
       UPDATE ${schema}.change_outbox_pruned SET up_to = greatest(up_to, (SELECT max(position) FROM gone))
        WHERE EXISTS (SELECT 1 FROM gone)
     )
     SELECT count(*)::int AS deleted FROM gone`,
    [retentionMs],
  );
  return row?.deleted ?? 0;
}
