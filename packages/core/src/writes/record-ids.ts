import { BadUserInputError, ConflictError } from '../errors/errors';
import { SYNTHETIC_ID_PREFIX } from '../database/synthetic-tables';
import { latinWords } from '../i18n/search-key';
import type { WriteTransaction } from './run-write';

/** Longest slug made from a name: room is left for a `-2`, `-3` suffix within the 100 an id may have. */
const MAX_SLUG_LENGTH = 80;

/** Refuses an id (or a reference) in the synthetic-data generator's range: BAD_USER_INPUT naming `field`. */
export function assertNotSyntheticId(id: string, field: string): void {
  if (id.startsWith(SYNTHETIC_ID_PREFIX)) {
    throw new BadUserInputError(`${field}: ids starting "${SYNTHETIC_ID_PREFIX}" belong to generated data; choose another`, field);
  }
}

/**
 * A record id made from a name, in the graph's id shape: the name's words as its search key
 * reads them before sounds are folded (lower-case Latin, Cyrillic transliterated, legal forms
 * dropped) with hyphens, e.g. "ТОО «Алмерек»" → "almerek", "ДорХан" → "dorkhan" (not the key's
 * dorhan), like the document's own ids. `fallback` when the name gives no letters or digits.
 */
export function slugOf(name: string, fallback: string): string {
  const key = latinWords(name)?.join(' ') ?? '';
  let slug = key.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, MAX_SLUG_LENGTH).replace(/-+$/, '');
  if (slug.startsWith(SYNTHETIC_ID_PREFIX)) slug = `entered-${slug}`.slice(0, MAX_SLUG_LENGTH);
  return slug === '' ? fallback : slug;
}

/**
 * Inserts a new record under `id` when the client chose it (CONFLICT, naming `field`, when it is
 * taken), or else under the first free id of `slug`, `slug-2`, `slug-3`... Each try is an
 * `INSERT ... ON CONFLICT (id) DO NOTHING`, so a race with another writer never aborts the
 * transaction. Returns the inserted row.
 */
export async function insertWithFreeId<Row extends { id: string }>(
  tx: WriteTransaction,
  table: string,
  chosen: { id?: string | null; slug: string; field: string },
  values: Record<string, unknown>,
): Promise<Row> {
  const candidates = chosen.id ? [chosen.id] : Array.from({ length: 50 }, (_, index) => (index === 0 ? chosen.slug : `${chosen.slug}-${index + 1}`));
  for (const id of candidates) {
    const row = await tx.insertUnlessPresent<Row>(table, { ...values, id });
    if (row !== null) return row;
  }
  throw new ConflictError(chosen.id ? `The id "${chosen.id}" is taken: choose another, or leave it out for one made from the name` : `No free id near "${chosen.slug}": choose one`, { field: chosen.field });
}
