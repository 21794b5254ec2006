import { Script } from './company.type';

/** Letters of the Kazakh Cyrillic alphabet that Russian does not have, in both cases. */
const KAZAKH_ONLY_LETTER = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/u;
const LETTER = /\p{L}/u;
const CYRILLIC_LETTER = /\p{Script=Cyrillic}/u;
const LATIN_LETTER = /\p{Script=Latin}/u;

/**
 * The script a spelling is written in, judged from its letters alone (digits, spaces and
 * punctuation do not count):
 * - MIXED when it has both Latin and Cyrillic letters (Kazakh letters are Cyrillic too);
 * - KAZAKH_CYRILLIC when it is Cyrillic with at least one letter only Kazakh uses;
 * - CYRILLIC when it is Cyrillic otherwise (readable as Russian);
 * - LATIN when it is Latin only.
 * Throws a RangeError for text with no letters or with letters of another script, which no
 * name in this graph has: such a spelling is a data error to fix, not a fifth kind.
 */
export function scriptOf(text: string): Script {
  let latin = false;
  let cyrillic = false;
  for (const character of text) {
    if (!LETTER.test(character)) continue;
    if (LATIN_LETTER.test(character)) latin = true;
    else if (CYRILLIC_LETTER.test(character)) cyrillic = true;
    else throw new RangeError(`"${text}" has the letter "${character}", which is neither Latin nor Cyrillic`);
  }
  if (latin && cyrillic) return Script.MIXED;
  if (cyrillic) return KAZAKH_ONLY_LETTER.test(text) ? Script.KAZAKH_CYRILLIC : Script.CYRILLIC;
  if (latin) return Script.LATIN;
  throw new RangeError(`"${text}" has no letters, so it has no script`);
}
