import { registerEnumType } from 'type-graphql';
import { BadUserInputError } from '../errors/errors';
import type { SearchQuery } from './search-key';

/** How a search text met the spelling that matched it, best first. */
export enum SearchMatch {
  EXACT = 'EXACT',
  PREFIX = 'PREFIX',
  CONTAINS = 'CONTAINS',
  SIMILAR = 'SIMILAR',
}
registerEnumType(SearchMatch, {
  name: 'SearchMatch',
  description: 'How a search text met a spelling, compared as search keys: lower case, Latin letters, without quotes, legal forms (ЖШС, ТОО, LLP), punctuation or spaces.',
  valuesConfig: {
    EXACT: { description: 'The keys are equal: "Алмерек", "ТОО «Әлмерек»" and "almerek" all meet «Әлмерек» ЖШС exactly. Score 1.' },
    PREFIX: { description: 'The spelling\'s key starts with the text\'s: "GSG" meets «Г. С. Г. Высотник». Score between 0.75 and 1, higher the more of the spelling the text covers.' },
    CONTAINS: { description: 'The spelling\'s key contains the text\'s: "vysotnik" meets «Г. С. Г. Высотник». Score between 0.5 and 0.75, higher the more of the spelling the text covers.' },
    SIMILAR: { description: 'Neither contains the other, but they share enough trigrams (pg_trgm similarity or word similarity): a typo, another transliteration. Score at most 0.5.' },
  },
});

/**
 * The word similarity (pg_trgm) from which a spelling counts as similar to a search text. pg_trgm's
 * default, 0.6, misses a dropped letter in a short name ("Rahat" for Rakhat is 0.44); 0.4 keeps
 * such typos and other transliterations, and the score ranks the looser hits last. Set on every
 * connection by core's data source, since pg_trgm's `<%` operator reads it from a setting.
 */
export const WORD_SIMILARITY_THRESHOLD = 0.4;

/**
 * The SQL of a ranked search over a table that stores, for each row, `search_keys` (a jsonb
 * array of `{text, key, ...}` from core's `searchKeysOf`) and `search_document` (every key, spaced
 * and compact, in one text column with a pg_trgm GIN index).
 */
export interface SearchSql {
  /**
   * The rows that can match, answered from the trigram index: the compact text occurs in a key,
   * or the spaced text is word-similar to one (pg_trgm `<%`, at WORD_SIMILARITY_THRESHOLD).
   */
  condition: string;
  /**
   * A `CROSS JOIN LATERAL` that picks the row's best key as `<alias>.entry` (the stored jsonb
   * entry, with its `text` and any extra fields), `<alias>.match` (a SearchMatch) and
   * `<alias>.score` (0 to 1, rounded to 4 places). Ties go to the spelling closest to the text as
   * typed, then to the first stored.
   */
  bestKey: string;
  /** The parameters the fragments use, to append after the caller's own. */
  parameters: unknown[];
}

/**
 * Builds the fragments for the table alias `table`, numbering parameters from
 * `firstParameter`. Every comparison is in SQL; only the text is normalized beforehand, by the
 * same function that made the stored keys.
 */
export function searchSql(table: string, query: SearchQuery, firstParameter: number, alias = 'hit'): SearchSql {
  const compact = `$${firstParameter}::text`;
  const spaced = `$${firstParameter + 1}::text`;
  const literal = `$${firstParameter + 2}::text`;
  const pattern = `$${firstParameter + 3}::text`;
  const coverage = `length(${compact})::float8 / greatest(length(key.compact), 1)`;
  return {
    condition: `(${table}.search_document LIKE ${pattern} OR ${spaced} <% ${table}.search_document)`,
    bestKey: `CROSS JOIN LATERAL (
      SELECT scored.entry, scored.match, scored.score
        FROM (
          SELECT stored.entry, stored.position,
                 CASE WHEN key.compact = ${compact} THEN 'EXACT'
                      WHEN starts_with(key.compact, ${compact}) THEN 'PREFIX'
                      WHEN strpos(key.compact, ${compact}) > 0 THEN 'CONTAINS'
                      ELSE 'SIMILAR' END AS match,
                 round((CASE WHEN key.compact = ${compact} THEN 1
                             WHEN starts_with(key.compact, ${compact}) THEN 0.75 + 0.25 * ${coverage}
                             WHEN strpos(key.compact, ${compact}) > 0 THEN 0.5 + 0.25 * ${coverage}
                             ELSE 0.5 * greatest(similarity(key.compact, ${compact}), word_similarity(${spaced}, key.spaced))::float8
                        END)::numeric, 4)::float8 AS score
            FROM jsonb_array_elements(${table}.search_keys) WITH ORDINALITY AS stored(entry, position)
            CROSS JOIN LATERAL (SELECT stored.entry->>'key' AS spaced, replace(stored.entry->>'key', ' ', '') AS compact) AS key
        ) AS scored
       ORDER BY scored.score DESC, similarity(lower(scored.entry->>'text'), ${literal}) DESC, scored.position
       LIMIT 1
    ) AS ${alias}`,
    parameters: [query.compact, query.spaced, query.literal, `%${query.compact}%`],
  };
}

/** Most hits a search answers. */
export const MAX_SEARCH_HITS = 50;

/** Checks a search's `first` argument: 1 to MAX_SEARCH_HITS, else BAD_USER_INPUT saying the limit. */
export function assertSearchLimit(first: number, argument = 'first'): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_SEARCH_HITS) {
    throw new BadUserInputError(`${argument} must be from 1 to ${MAX_SEARCH_HITS}, got ${first}`, argument);
  }
  return first;
}
