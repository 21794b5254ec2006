import { registerEnumType } from 'type-graphql';

/** The languages a name or a description can be answered in. */
export enum Language {
  KK = 'KK',
  RU = 'RU',
  EN = 'EN',
}
registerEnumType(Language, {
  name: 'Language',
  description: 'A language a name or description can be answered in. The source document is written in Kazakh.',
  valuesConfig: {
    KK: { description: 'Kazakh (қазақ тілі, BCP 47 "kk"), the language of the source document.' },
    RU: { description: 'Russian (русский, BCP 47 "ru").' },
    EN: { description: 'English (BCP 47 "en").' },
  },
});

/**
 * The language answered when a request names none (no `lang` argument, and no language of
 * ours in `Accept-Language`): Kazakh, the language the source document is written in.
 */
export const DEFAULT_LANGUAGE = Language.KK;

const BY_PRIMARY_SUBTAG: ReadonlyMap<string, Language> = new Map([
  ['kk', Language.KK],
  ['ru', Language.RU],
  ['en', Language.EN],
]);

/** One `language;q=weight` entry of the header, e.g. "ru-RU;q=0.9". */
const ENTRY = /^([a-z]{1,8}(?:-[a-z0-9]{1,8})*|\*)(?:\s*;\s*q\s*=\s*(0(?:\.\d{0,3})?|1(?:\.0{0,3})?))?$/i;

/**
 * The language an HTTP `Accept-Language` header (RFC 9110 §12.5.4) prefers among Kazakh,
 * Russian and English: the entry with the highest q-value whose primary subtag is kk, ru or en
 * ("ru-RU" is Russian); on equal weights, the one written first. Entries with q=0 are refused,
 * malformed entries are skipped, and a wildcard matches nothing in particular. Null when the
 * header is absent or names none of the three: the caller then uses DEFAULT_LANGUAGE. A bad
 * header is never an error, since a browser or a proxy may send anything.
 */
export function parseAcceptLanguage(header: string | string[] | null | undefined): Language | null {
  if (header === null || header === undefined) return null;
  const text = Array.isArray(header) ? header.join(',') : header;
  let best: { language: Language; weight: number } | null = null;
  for (const part of text.split(',')) {
    const match = ENTRY.exec(part.trim());
    if (!match) continue;
    const weight = match[2] === undefined ? 1 : Number(match[2]);
    if (weight <= 0) continue;
    const language = BY_PRIMARY_SUBTAG.get(match[1]!.split('-')[0]!.toLowerCase());
    if (language === undefined) continue;
    if (best === null || weight > best.weight) best = { language, weight };
  }
  return best?.language ?? null;
}
