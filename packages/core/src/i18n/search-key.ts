import { BadUserInputError } from '../errors/errors';

/**
 * Search keys: one spelling of a name reduced to what every other spelling of it shares.
 *
 * The source document writes one company many ways («Әлмерек» ЖШС, «Алмерек», Almerek;
 * «Г. С. Г. Высотник», «Г.С.Г. Высотник», G.S.G. Vysotnik; «BСФ» with a Latin B), and people
 * type yet others (ТОО «Алмерек», almerek llp, kaz dia test). A search key is what is left
 * of a spelling after these steps, in this order:
 *
 *  1. Unicode NFKC, then lower case.
 *  2. Kazakh-only letters become their Russian neighbours (KAZAKH_TO_RUSSIAN): Әлмерек → алмерек.
 *  3. The text is cut into words at anything that is not a letter or a digit: quotation marks,
 *     punctuation, hyphens and spaces all separate words and are dropped.
 *  4. Runs of one-letter words join into one word, so initials read as an abbreviation however
 *     they are dotted or spaced: "Г. С. Г." and "ГСГ" both give гсг.
 *  5. Each word is written in Latin letters: Cyrillic by CYRILLIC_TO_LATIN (after step 2 only
 *     Russian letters are left), the letters of other Latin orthographies by LATIN_FOLDS, and
 *     any remaining diacritic is dropped (ä → a).
 *  6. Words that are only a legal form (LEGAL_FORMS: ЖШС, ТОО, LLP, ...) are dropped, unless
 *     nothing else is left.
 *  7. Each word's spellings that sound alike in the two scripts fold into one (SOUND_FOLDS): an
 *     English name written in Cyrillic and transliterated back ("Токио Роуп" → tokio roup) meets
 *     its English spelling ("TOKYO ROPE" → tokyo rope) as tokio rop, "Сити Стоун" meets City
 *     Stone as siti ston, Вальтерм meets Valtherm as valterm, and Rahat meets Рахат as rahat.
 *
 * The key keeps its words apart with single spaces (`spaced`: "kaz dia test"); `compact` is the
 * same without spaces ("kazdiatest"), so "kazdiatest", "Kaz-Dia-Test" and "kaz dia test" meet.
 * Stored keys and typed queries go through this same function, so they always agree.
 */

/** Step 2: each Kazakh-only letter and the Russian letter nearest to it in sound and shape. */
export const KAZAKH_TO_RUSSIAN: Readonly<Record<string, string>> = Object.freeze({
  'ә': 'а',
  'ғ': 'г',
  'қ': 'к',
  'ң': 'н',
  'ө': 'о',
  'ұ': 'у',
  'ү': 'у',
  'һ': 'х',
  'і': 'и',
});

/**
 * Step 5: Russian Cyrillic in Latin letters. The scheme is the one the source's English
 * translation uses for names (Рахат → Rakhat, ЖБИ → ZhBI, Техновид → Tekhnovid, Высотник →
 * Vysotnik), close to BGN/PCGN: х is kh, ж zh, ц ts, ы y; the hard and soft signs disappear.
 */
export const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = Object.freeze({
  'а': 'a', 'б': 'b', 'в': 'v', 'г': 'g', 'д': 'd', 'е': 'e', 'ё': 'e', 'ж': 'zh', 'з': 'z', 'и': 'i', 'й': 'y',
  'к': 'k', 'л': 'l', 'м': 'm', 'н': 'n', 'о': 'o', 'п': 'p', 'р': 'r', 'с': 's', 'т': 't', 'у': 'u', 'ф': 'f',
  'х': 'kh', 'ц': 'ts', 'ч': 'ch', 'ш': 'sh', 'щ': 'shch', 'ъ': '', 'ы': 'y', 'ь': '', 'э': 'e', 'ю': 'yu', 'я': 'ya',
});

/**
 * Step 5: letters of Kazakh Latin orthographies that would otherwise not meet the Cyrillic
 * transliteration: q is Қ (Qaz-Dia-Test), ş is Ш, ç is Ч, dotless ı is Ы/И. Other diacritics
 * (ä, ö, ü, ğ, ñ, ū) simply drop, which gives the letter the table above gives.
 */
export const LATIN_FOLDS: Readonly<Record<string, string>> = Object.freeze({
  'q': 'k',
  'ş': 'sh',
  'ç': 'ch',
  'ı': 'i',
});

/**
 * Step 6: legal forms, as words in Latin after step 5: ЖШС (zhshs, or JShS in Kazakh Latin),
 * ТОО, ООО, LLP, LLC (limited liability), ЖАҚ, ЗАО, JSC (joint-stock). Shorter forms that are
 * also ordinary words (АҚ "white", АО) are deliberately not listed.
 */
export const LEGAL_FORMS: ReadonlySet<string> = new Set(['zhshs', 'jshs', 'too', 'ooo', 'llp', 'llc', 'zhak', 'zao', 'jsc']);

/**
 * Step 7: how English spelling and the Russian transliteration of English names write one sound,
 * folded to one form. Each rule sees what the rules before it left:
 *
 *  - kh → h (х, written kh, is how Russian writes English h, and English writes х as h):
 *    Рахат rakhat → rahat = Rahat. Not after c, p, s, t or z, where the h would then read as
 *    ch, ph, sh, th or zh: Асхат stays askhat.
 *  - th → t (English th is т in Russian): Valtherm → valterm = Вальтерм.
 *  - ph → f: Phosphor → fosfor = Фосфор.
 *  - c before e, i or y → s: City → siti = Сити. Any other c → k, except in ch (ч): Concrete →
 *    konkret = Конкрет; ck becomes kk, then k: Almapack → almapak = Алмапак.
 *  - x → ks: Max → maks = Макс.
 *  - w → v: Wolf → volf = Вольф.
 *  - y → i (й and ы are y, and English y is often и): Tokyo → tokio = Токио, Almaty = Алматы →
 *    almati, Hyundai → hiundai = Хюндай. я and ю (ya, yu) become ia and iu from either script,
 *    and -ия meets -ia: Индия indiya → india = India (through the doubled-letter rule below).
 *  - ee → i, oo → u: Steel → stil = Стил, Pool → pul = Пул.
 *  - ku before a vowel → kv: English qu, which step 5 has made ku: Quest → kvest = Квест.
 *  - ou → o: Cyrillic writes the English long o as оу: Роуп roup → rop, Стоун stoun → ston.
 *  - a letter written twice or more → once: Asset → aset = Ассет. Digits are kept as they are.
 *  - a final e after a consonant, in a word with another vowel, is dropped (the English silent
 *    e): Rope → rop = Роуп, Stone → ston = Стоун.
 *
 * The rules run until the word no longer changes, so a folded word folds to itself: a stored key
 * can be folded again (as the migrations that brought in this step do) and stays the same.
 */
export const SOUND_FOLDS: ReadonlyArray<readonly [RegExp, string]> = Object.freeze([
  [/(?<![cpstz])kh/g, 'h'],
  [/th/g, 't'],
  [/ph/g, 'f'],
  [/c(?=[eiy])/g, 's'],
  [/c(?!h)/g, 'k'],
  [/x/g, 'ks'],
  [/w/g, 'v'],
  [/y/g, 'i'],
  [/ee/g, 'i'],
  [/oo/g, 'u'],
  [/ku(?=[aeio])/g, 'kv'],
  [/ou/g, 'o'],
  [/(\p{L})\1+/gu, '$1'],
  [/^(.*[aeiou].*[bcdfghjklmnpqrstvwxz])e$/, '$1'],
] as const);

/** Step 7 for one word: SOUND_FOLDS until nothing changes. Stored keys made before step 7 existed are folded with it. */
export function foldSounds(word: string): string {
  let folded = word;
  for (let previous = ''; previous !== folded;) {
    previous = folded;
    for (const [pattern, replacement] of SOUND_FOLDS) folded = folded.replace(pattern, replacement);
  }
  return folded;
}

/** One spelling's key. */
export interface SearchKey {
  /** The words of the key, separated by single spaces: "kaz dia test". */
  spaced: string;
  /** The same without spaces: "kazdiatest". */
  compact: string;
}

const WORD = /[\p{L}\p{N}]+/gu;
const COMBINING_MARK = /\p{M}/gu;
const ONE_LETTER = /^\p{L}$/u;

function toLatin(word: string): string {
  let latin = '';
  for (const character of word) {
    const mapped = CYRILLIC_TO_LATIN[character] ?? LATIN_FOLDS[character];
    latin += mapped ?? character.normalize('NFD').replace(COMBINING_MARK, '');
  }
  return latin;
}

/** Step 4: consecutive one-letter words become one word. */
function joinInitials(words: string[]): string[] {
  const joined: string[] = [];
  let initials = '';
  for (const word of words) {
    if (ONE_LETTER.test(word)) {
      initials += word;
      continue;
    }
    if (initials) joined.push(initials);
    initials = '';
    joined.push(word);
  }
  if (initials) joined.push(initials);
  return joined;
}

/** The search key of a spelling; null when it has no letter or digit at all. */
export function searchKey(text: string): SearchKey | null {
  const words = latinWords(text)?.map(foldSounds);
  return words ? { spaced: words.join(' '), compact: words.join('') } : null;
}

/**
 * Steps 1 to 6 of a spelling: its words in Latin letters, legal forms dropped, sounds not yet
 * folded; null when it has no letter or digit. Record ids are made from these (core's slugOf),
 * so an id reads as the name's transliteration (shyny-ainek, tekhnovid), not as its key.
 */
export function latinWords(text: string): string[] | null {
  let kazakhFolded = '';
  for (const character of text.normalize('NFKC').toLowerCase()) kazakhFolded += KAZAKH_TO_RUSSIAN[character] ?? character;
  const words = joinInitials(kazakhFolded.match(WORD) ?? []).map(toLatin).filter((word) => word !== '');
  if (words.length === 0) return null;
  const named = words.filter((word) => !LEGAL_FORMS.has(word));
  return named.length > 0 ? named : words;
}

/** A stored search key: the spelling it was made from, and its key (spaced form). */
export interface StoredSearchKey {
  text: string;
  key: string;
}

/**
 * The keys to store for a record's spellings, in their order, each with its spelling (and any
 * extra fields, such as the spelling's language). A spelling without letters or digits gives
 * no key. Stored as a jsonb array in exactly this shape.
 */
export function searchKeysOf<Extra extends object>(spellings: ReadonlyArray<{ text: string } & Extra>): Array<StoredSearchKey & Extra> {
  const keys: Array<StoredSearchKey & Extra> = [];
  for (const spelling of spellings) {
    const key = searchKey(spelling.text);
    if (key !== null) keys.push({ ...spelling, key: key.spaced });
  }
  return keys;
}

/** Longest search text accepted, in characters. */
export const MAX_SEARCH_TEXT_LENGTH = 200;

/** A typed search, ready for SQL. */
export interface SearchQuery extends SearchKey {
  /** The text as typed, in lower case: breaks ties between spellings with the same key. */
  literal: string;
}

/**
 * Reads a search text the way stored spellings are read. Throws BAD_USER_INPUT (naming
 * `argument`) for a text longer than MAX_SEARCH_TEXT_LENGTH or with no letter or digit.
 */
export function parseSearchText(text: string, argument = 'text'): SearchQuery {
  if (text.length > MAX_SEARCH_TEXT_LENGTH) {
    throw new BadUserInputError(`${argument} must be at most ${MAX_SEARCH_TEXT_LENGTH} characters long`, argument);
  }
  const key = searchKey(text);
  if (key === null) throw new BadUserInputError(`${argument} must contain at least one letter or digit`, argument);
  return { ...key, literal: text.normalize('NFKC').trim().toLowerCase() };
}
