import type { SqlRunner } from '../database/request-database';
import { schemaTable } from '../database/sql-identifier';
import { foldSounds, type StoredSearchKey } from './search-key';

/**
 * Rows one statement reads or writes when stored keys are folded again: at the bench's largest
 * scale a table holds some 300,000 rows, which one jsonb parameter would carry as hundreds of
 * megabytes; 5,000 keep each statement to a few megabytes and the whole pass to some 60 round trips.
 */
export const REFOLD_BATCH_ROWS = 5000;

/** A stored key (spaced) folded by searchKey's step 7, word by word. */
export function refoldSearchKey(key: string): string {
  return key.split(' ').map(foldSounds).join(' ');
}

/**
 * Brings every stored key of `table` (schema-qualified, with a text `id` primary key and a
 * `search_keys` column of core's StoredSearchKey array) up to searchKey's step 7 (SOUND_FOLDS),
 * for a migration. Each key is folded again word by word rather than made afresh from its text:
 * step 7 is the last step and works on each word alone, so the folded old key is exactly the
 * key searchKey now makes from the same text, and it keeps what only the key holds, a synthetic
 * copy's label ("almerek synthetic 3" becomes "almerek sintetik 3", as the generator now writes
 * it). A folded word folds to itself, so a row already folded is left alone, and the pass can
 * run again. Reads and writes REFOLD_BATCH_ROWS rows per statement in id order, and writes only
 * the rows whose keys changed (the generated `search_document` follows). Returns that count.
 */
export async function refoldSearchKeys(db: SqlRunner, table: string, batchRows = REFOLD_BATCH_ROWS): Promise<number> {
  schemaTable(table);
  let changed = 0;
  // Every id sorts after the empty text, in any collation.
  for (let after = ''; ;) {
    const rows = await db.query<{ id: string; search_keys: StoredSearchKey[] }>(
      `SELECT id, search_keys FROM ${table} WHERE id > $1::text ORDER BY id LIMIT $2::int`,
      [after, batchRows],
    );
    if (rows.length === 0) return changed;
    after = rows.at(-1)!.id;
    const folded: Array<{ id: string; search_keys: StoredSearchKey[] }> = [];
    for (const row of rows) {
      const keys = row.search_keys.map((entry) => ({ ...entry, key: refoldSearchKey(entry.key) }));
      if (keys.some((entry, index) => entry.key !== row.search_keys[index]!.key)) folded.push({ id: row.id, search_keys: keys });
    }
    if (folded.length === 0) continue;
    await db.query(
      `UPDATE ${table} t SET search_keys = folded.search_keys
         FROM jsonb_to_recordset($1::jsonb) AS folded(id text, search_keys jsonb)
        WHERE t.id = folded.id`,
      [JSON.stringify(folded)],
    );
    changed += folded.length;
  }
}
