/** A table whose document rows the synthetic-data generator copies. */
export interface SyntheticTable {
  /** Schema-qualified, e.g. `projects.project`; it must have a `synthetic boolean` column. */
  table: string;
  /**
   * Every column holding a record id, the row's own and those of records it refers to (in this
   * subgraph or another): a copy renames each `synthetic-<copy>-<id>`, the same rule in every
   * subgraph, so a copy refers to the copies of its company, project, group or zone.
   */
  idColumns: string[];
  /** Text columns (names) that say on their face which copy a row is: `<name> (synthetic <copy>)`. */
  labelColumns?: string[];
  /** jsonb Translations columns (names by language): every text labelled the same way. */
  labelTranslationColumns?: string[];
  /**
   * jsonb search-key columns (core's `searchKeysOf`): every key extended with the label's key, so
   * a copy is found as "almerek synthetic 3" and an exact search for the document's name finds the
   * document's record alone. Each key's text stays the spelling it was made from (a company's
   * spellings are not labelled), so a hit still names the spelling that matched.
   */
  labelSearchKeyColumns?: string[];
}

/**
 * Most copies one run may write: the bench's largest scale, 10,000× the document, is 9,999
 * copies, some 280,000 projects.
 */
export const MAX_SYNTHETIC_SCALE = 9999;

/** The prefix of every id the synthetic-data generator writes: writes never make or take one. */
export const SYNTHETIC_ID_PREFIX = 'synthetic-';

