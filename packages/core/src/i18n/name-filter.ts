import { Field, InputType } from 'type-graphql';
import type { SqlParameters } from '../pagination/keyset';
import { parseSearchText } from './search-key';

/**
 * A filter on a record's name in any of its spellings. Both the companies subgraph (its own
 * `companies` list) and the projects subgraph (a project's company, from its read model) accept
 * it, so the composed input is one type with one meaning.
 */
@InputType('NameFilter', {
  description: 'Narrows a list by a name in any of its spellings (Kazakh, Russian, Latin, aliases), compared as search keys: lower case, in Latin letters, '
    + 'without quotes, legal forms (ЖШС, ТОО, LLP), punctuation or spaces, and with spellings that sound alike in the two scripts folded together. '
    + 'So Cyrillic finds a name stored in Latin letters and the other way round: "Токио Роуп" finds TOKYO ROPE ALMATY, "valterm" finds Вальтерм. '
    + 'When both fields are given, both must hold.',
})
export class NameFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Some spelling contains this text (at most 200 characters, at least one letter or digit): "kmk" finds «KMK Investment» ЖШС.',
  })
  contains?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Some spelling is this name, as search keys compare it: "ТОО «Алмерек»" and "almerek" both equal «Әлмерек» ЖШС.',
  })
  equals?: string | null;
}

/** Where a table keeps its spellings' keys, as core's `searchKeysOf` and `addSearchDocument` make them. */
export interface SpellingColumns {
  /** The jsonb array of `{ text, key, ... }`. */
  keys: string;
  /** The text of every key, spaced and compact, with a pg_trgm index. */
  document: string;
}

/** `%` and `_` are wildcards of LIKE; a key holds letters and digits only, but the escape costs nothing. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/**
 * The name filter as SQL predicates over `columns` (never NULL): `contains` is answered from the
 * trigram index on the search document, `equals` compares each spelling's compact key. A text
 * with no letter or digit, or too long, is BAD_USER_INPUT naming `path`.
 */
export function nameConditions(filter: NameFilter, columns: SpellingColumns, parameters: SqlParameters, path: string): string[] {
  const terms: string[] = [];
  if (filter.contains != null) {
    const { compact } = parseSearchText(filter.contains, `${path}.contains`);
    // Keys are separated by spaces in the document and a compact key has none, so no match spans two keys.
    terms.push(`(${columns.document} IS NOT NULL AND ${columns.document} LIKE ${parameters.add(`%${likeLiteral(compact)}%`)}::text)`);
  }
  if (filter.equals != null) {
    const { compact } = parseSearchText(filter.equals, `${path}.equals`);
    terms.push(`EXISTS (SELECT 1 FROM jsonb_array_elements(${columns.keys}) AS spelling(entry)
      WHERE replace(spelling.entry->>'key', ' ', '') = ${parameters.add(compact)}::text)`);
  }
  return terms;
}
