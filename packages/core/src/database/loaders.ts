import DataLoader from 'dataloader';
import { BadUserInputError } from '../errors/errors';

/**
 * A per-request loader of one row per key. `fetch` runs one statement for all keys (for
 * example `WHERE id = ANY($1)`) in any order; the loader answers in key order, null where no
 * row has the key.
 */
export function createRowLoader<Row>(
  fetch: (keys: readonly string[]) => Promise<Row[]>,
  keyOf: (row: Row) => string,
): DataLoader<string, Row | null> {
  return new DataLoader<string, Row | null>(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/**
 * A per-request loader of the rows that belong to each key (one-to-many), in one statement;
 * the loader answers an array per key, in key order, empty where nothing belongs to it.
 */
export function createGroupLoader<Row>(
  fetch: (keys: readonly string[]) => Promise<Row[]>,
  keyOf: (row: Row) => string,
): DataLoader<string, Row[]> {
  return new DataLoader<string, Row[]>(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map<string, Row[]>(keys.map((key) => [key, []]));
    for (const row of rows) byKey.get(keyOf(row))?.push(row);
    return keys.map((key) => byKey.get(key) ?? []);
  });
}

/** The shape of every record id of this graph: lower-case letters, digits and hyphens, 1 to 100 characters. */
export const RECORD_ID = /^[a-z0-9][a-z0-9-]{0,99}$/;

/**
 * Checks that an id argument has the shape of this graph's record ids (lower-case letters,
 * digits and hyphens, at most 100): a malformed id is a BAD_USER_INPUT error, while a
 * well-formed id that names nothing is simply not found (null).
 */
export function assertRecordId(id: string, argument = 'id'): string {
  if (!RECORD_ID.test(id)) {
    throw new BadUserInputError(`${argument} must be a record id: lower-case letters, digits and hyphens, 1 to 100 characters`, argument);
  }
  return id;
}
