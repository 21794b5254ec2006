import type { SqlRunner } from './request-database';
import { plainIdentifier } from './sql-identifier';

function quoteIdentifier(name: string): string {
  return `"${plainIdentifier(name)}"`;
}

/**
 * Inserts `rows` into `table`, or updates the row with the same key, in one statement, and
 * leaves a row untouched when nothing in it differs: a second seed run writes nothing (no new
 * row versions, no trigger fires). Values that are objects or arrays are stored as JSON.
 * Returns how many rows were inserted or changed.
 *
 * With `keepEdited`, a row that a mutation has changed since (its `version` moved past 1, see
 * `WriteTransaction.updateVersioned`) is left as the editor left it: a restart's seed never
 * reverts an edit.
 */
export async function upsertRows(
  db: SqlRunner,
  table: string,
  key: string[],
  rows: Array<Record<string, unknown>>,
  options: { keepEdited?: boolean } = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = Object.keys(rows[0]!);
  for (const row of rows) {
    const names = Object.keys(row);
    if (names.length !== columns.length || names.some((name, i) => name !== columns[i])) {
      throw new Error(`every row upserted into ${table} must have the columns ${columns.join(', ')}`);
    }
  }
  const [schema, name] = table.includes('.') ? table.split('.') : [undefined, table];
  const target = schema ? `${quoteIdentifier(schema)}.${quoteIdentifier(name!)}` : quoteIdentifier(name!);
  const quoted = columns.map(quoteIdentifier);
  const parameters: unknown[] = [];
  const values = rows.map((row) => `(${columns.map((column) => {
    const value = row[column];
    parameters.push(value !== null && typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : value);
    return `$${parameters.length}`;
  }).join(', ')})`);
  const updated = quoted.filter((_, i) => !key.includes(columns[i]!));
  const assignments = updated.map((column) => `${column} = EXCLUDED.${column}`).join(', ');
  const changed = updated.map((column) => `t.${column}`).join(', ');
  const incoming = updated.map((column) => `EXCLUDED.${column}`).join(', ');
  const sql = `INSERT INTO ${target} AS t (${quoted.join(', ')}) VALUES ${values.join(', ')}
    ON CONFLICT (${key.map(quoteIdentifier).join(', ')}) ${updated.length === 0
      ? 'DO NOTHING'
      : `DO UPDATE SET ${assignments} WHERE ${options.keepEdited ? 't.version = 1 AND ' : ''}(${changed}) IS DISTINCT FROM (${incoming})`}
    RETURNING 1`;
  const result = await db.query(sql, parameters);
  return result.length;
}
