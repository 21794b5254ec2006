import type { DataSource } from 'typeorm';
import { MAX_SYNTHETIC_SCALE, RequestDatabase, SYNTHETIC_ID_PREFIX, type SqlRunner, type SyntheticTable } from '@azg/core/database';
import { searchKey } from '@azg/core/i18n';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function quoteIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return `"${name}"`;
}

/** The label of copy `copy` (a SQL expression), as names carry it. */
const label = (copy: string) => `' (synthetic ' || ${copy} || ')'`;

/**
 * The search key of the label, made by the same normalization as every key: "synthetic". A
 * label's copy number is digits, which keys keep as they are, so the key of "<name> (synthetic
 * <n>)" is the key of the name, then "synthetic <n>" (a test holds this for every document name).
 */
const LABEL_KEY = searchKey('synthetic')!.spaced;

/**
 * Writes `scale` renamed copies of the document's rows (those not flagged synthetic) of each
 * table, in order, flagged `synthetic = true`; returns the rows written. Generated columns and
 * timestamps are left to the database. Run it in a transaction, after `removeSyntheticRows`, so
 * the database then holds exactly `scale` copies.
 */
export async function copyAsSynthetic(db: SqlRunner, tables: readonly SyntheticTable[], scale: number): Promise<number> {
  if (!Number.isInteger(scale) || scale < 1 || scale > MAX_SYNTHETIC_SCALE) {
    throw new RangeError(`the scale must be a whole number from 1 to ${MAX_SYNTHETIC_SCALE}, got ${scale}`);
  }
  let written = 0;
  for (const { table, idColumns, labelColumns = [], labelTranslationColumns = [], labelSearchKeyColumns = [] } of tables) {
    const [schema, name] = table.split('.');
    const columns = (await db.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns
        WHERE table_schema = $1 AND table_name = $2 AND is_generated = 'NEVER'
          AND column_name NOT IN ('synthetic', 'created_at', 'updated_at')
        ORDER BY ordinal_position`,
      [schema, name],
    )).map((row) => row.column_name);
    const values = columns.map((column) => {
      const quoted = `t.${quoteIdentifier(column)}`;
      if (idColumns.includes(column)) return `CASE WHEN ${quoted} IS NULL THEN NULL ELSE '${SYNTHETIC_ID_PREFIX}' || copy || '-' || ${quoted} END`;
      if (labelColumns.includes(column)) return `${quoted} || ${label('copy')}`;
      if (labelTranslationColumns.includes(column)) {
        return `COALESCE((SELECT jsonb_object_agg(translation.key, translation.value || ${label('copy')}) FROM jsonb_each_text(${quoted}) AS translation), '{}'::jsonb)`;
      }
      if (labelSearchKeyColumns.includes(column)) {
        return `COALESCE((SELECT jsonb_agg(stored.entry || jsonb_build_object('key', (stored.entry->>'key') || ' ${LABEL_KEY} ' || copy)
            ORDER BY stored.position)
          FROM jsonb_array_elements(${quoted}) WITH ORDINALITY AS stored(entry, position)), '[]'::jsonb)`;
      }
      return quoted;
    });
    const [{ count }] = await db.query<{ count: number }>(
      `WITH written AS (
         INSERT INTO ${quoteIdentifier(schema!)}.${quoteIdentifier(name!)} (${columns.map(quoteIdentifier).join(', ')}, synthetic)
         SELECT ${values.join(', ')}, true FROM ${quoteIdentifier(schema!)}.${quoteIdentifier(name!)} t, generate_series(1, $1::int) AS copy
          WHERE NOT t.synthetic
         RETURNING 1)
       SELECT count(*)::int AS count FROM written`,
      [scale],
    ) as [{ count: number }];
    written += count;
  }
  return written;
}

/** Deletes every synthetic row of the tables, last table first; the document's rows are untouched. Returns the rows deleted. */
export async function removeSyntheticRows(db: SqlRunner, tables: readonly SyntheticTable[]): Promise<number> {
  let deleted = 0;
  for (const { table } of [...tables].reverse()) {
    const [schema, name] = table.split('.');
    const [{ count }] = await db.query<{ count: number }>(
      `WITH deleted AS (DELETE FROM ${quoteIdentifier(schema!)}.${quoteIdentifier(name!)} WHERE synthetic RETURNING 1)
       SELECT count(*)::int AS count FROM deleted`,
    ) as [{ count: number }];
    deleted += count;
  }
  return deleted;
}

/**
 * Replaces a subgraph's synthetic rows: deletes them all, then writes `scale` copies of the
 * document's rows (none when `scale` is 0). Run it in one transaction, so a failure leaves the
 * synthetic rows as they were.
 */
export async function replaceSyntheticRows(
  db: SqlRunner,
  tables: readonly SyntheticTable[],
  scale: number,
): Promise<{ removedRows: number; writtenRows: number }> {
  // A bulk write, not a request: the pool's per-statement timeout is for requests. LOCAL ends with the transaction.
  await db.query(`SET LOCAL statement_timeout = '15min'`);
  const removedRows = await removeSyntheticRows(db, tables);
  const writtenRows = scale === 0 ? 0 : await copyAsSynthetic(db, tables, scale);
  // The planner's statistics, fresh for the new size: autovacuum gets to a bulk write only later, and
  // until then plans made for the document's 28 projects walk 10,000 of them (a page of each group's
  // members took seconds). ANALYZE inside the transaction counts the rows it wrote.
  for (const { table } of tables) {
    const [schema, name] = table.split('.');
    await db.query(`ANALYZE ${quoteIdentifier(schema!)}.${quoteIdentifier(name!)}`);
  }
  return { removedRows, writtenRows };
}

/**
 * What `npm run seed:synthetic` runs in each subgraph: opens `dataSource`, replaces its synthetic
 * rows in one transaction (see `replaceSyntheticRows`), vacuums the tables and closes it again.
 */
export async function writeSyntheticRows(
  dataSource: DataSource,
  tables: readonly SyntheticTable[],
  scale: number,
): Promise<{ removedRows: number; writtenRows: number }> {
  await dataSource.initialize();
  try {
    const result = await dataSource.transaction((manager) => replaceSyntheticRows(new RequestDatabase(manager), tables, scale));
    // After the commit (VACUUM cannot run in a transaction): the replaced copies' dead rows go, and
    // the new rows are marked all-visible. Otherwise the first reads pay for it: at 10,000× the
    // document, after two rewrites, a company search visited a heap page for every dead copy too
    // (20,999 pages for 10,000 hits, 945 ms; 519 ms vacuumed) and wrote hint bits on them, and
    // autovacuum's pass over the new rows came later, in the middle of whatever was being measured.
    // One connection of its own, without the pool's per-statement timeout (a request's, not a bulk job's).
    const runner = dataSource.createQueryRunner();
    try {
      await runner.query(`SET statement_timeout = '15min'`);
      for (const { table } of tables) {
        const [schema, name] = table.split('.');
        await runner.query(`VACUUM ${quoteIdentifier(schema!)}.${quoteIdentifier(name!)}`);
      }
    } finally {
      await runner.release();
    }
    return result;
  } finally {
    await dataSource.destroy();
  }
}
