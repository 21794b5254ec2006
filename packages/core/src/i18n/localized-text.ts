import { Directive, Field, ObjectType } from 'type-graphql';
import { Language } from './language';

/**
 * The texts stored for one name or description, keyed by BCP 47 language code; a language with
 * no stored text is absent (never an empty string, never a machine translation). Stored as a
 * jsonb column in exactly this shape (`{"kk": "...", "en": "..."}`).
 */
export interface Translations {
  kk?: string;
  ru?: string;
  en?: string;
}

const CODE: Record<Language, keyof Translations> = { [Language.KK]: 'kk', [Language.RU]: 'ru', [Language.EN]: 'en' };

/** The language of the source documents: a text stored in it is the document's own words. */
export const ORIGINAL_LANGUAGE = Language.KK;

/**
 * Translations from the texts we have, leaving out the languages we have none in (null,
 * undefined or blank), so a missing translation is absent rather than invented.
 */
export function translations(texts: { kk?: string | null; ru?: string | null; en?: string | null }): Translations {
  const result: Translations = {};
  for (const code of ['kk', 'ru', 'en'] as const) {
    const text = texts[code];
    if (typeof text === 'string' && text.trim() !== '') result[code] = text;
  }
  return result;
}

@Directive('@shareable')
@ObjectType({
  description: 'A name or description in the language asked for; where none is stored in that language, the original (or the only text there is), '
    + 'marked as a fallback. Translations are only ever the ones the sources give: nothing is machine-translated.',
})
export class LocalizedText {
  @Field(() => String, { description: 'The text.' })
  text!: string;

  @Field(() => Language, { description: 'The language `text` is written in.' })
  language!: Language;

  @Field(() => Language, { description: 'The language asked for: the field\'s `lang` argument, else the request\'s Accept-Language, else Kazakh.' })
  requested!: Language;

  @Field(() => Boolean, { description: 'True when no text is stored in the requested language, so the text is in another one (the original where there is one).' })
  isFallback!: boolean;

  @Field(() => Boolean, {
    description: 'True when the text is in the original language of the source document that names the record (Kazakh); '
      + 'false when it is a translation, or an English name written for this graph where the document has no name of its own.',
  })
  isOriginal!: boolean;
}

/** The languages tried, in order, when the requested one has no text: the original first. */
const FALLBACK_ORDER: readonly Language[] = [ORIGINAL_LANGUAGE, Language.EN, Language.RU, Language.KK];

/**
 * The text of `stored` in the `requested` language, or, where none is stored in it, the
 * original (Kazakh), else English, else Russian, marked as a fallback. Null when nothing is
 * stored at all.
 */
export function localize(stored: Translations | null | undefined, requested: Language): LocalizedText | null {
  if (!stored) return null;
  for (const language of [requested, ...FALLBACK_ORDER]) {
    const text = stored[CODE[language]];
    if (typeof text !== 'string' || text === '') continue;
    return { text, language, requested, isFallback: language !== requested, isOriginal: language === ORIGINAL_LANGUAGE };
  }
  return null;
}
