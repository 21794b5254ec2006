import type { SqlRunner } from '../database/request-database';
import type { SearchQuery, StoredSearchKey } from './search-key';
import { searchSql, type SearchMatch } from './search-sql';

/** What a ranked search reads: a table with `search_keys` and `search_document`, and what to answer of it. */
export interface SearchedTable {
  /** The qualified table, e.g. `companies.company`. */
  table: string;
  /** The alias `columns` and `tieBreak` use, e.g. `c`. */
  alias: string;
  /** The select list of one record, as its repository reads it everywhere else. */
  columns: string;
  /** The order among hits of equal score, ending with the id so it is total, e.g. `c.name, c.id`. */
  tieBreak: string;
}

/** A row a ranked search answers: the record's columns, and its best key with how the text met it. */
export type SearchHitRow<Row, Key extends StoredSearchKey = StoredSearchKey> = Row & {
  hit_key: Key;
  hit_match: SearchMatch;
  hit_score: number;
};

/**
 * The records one of whose search keys the text meets, best first (by score, then by the table's
 * tie break), at most `first`; one statement, answered from the trigram index on search_document.
 * Each row carries the key that matched best (`hit_key`), how (`hit_match`) and how well (`hit_score`).
 */
export async function queryRankedSearch<Row, Key extends StoredSearchKey = StoredSearchKey>(
  db: SqlRunner,
  searched: SearchedTable,
  query: SearchQuery,
  first: number,
): Promise<Array<SearchHitRow<Row, Key>>> {
  const search = searchSql(searched.alias, query, 2);
  return db.query<SearchHitRow<Row, Key>>(
    `SELECT ${searched.columns}, hit.entry AS hit_key, hit.match AS hit_match, hit.score AS hit_score
       FROM ${searched.table} ${searched.alias}
       ${search.bestKey}
      WHERE ${search.condition}
      ORDER BY hit.score DESC, ${searched.tieBreak}
      LIMIT $1`,
    [first, ...search.parameters],
  );
}
