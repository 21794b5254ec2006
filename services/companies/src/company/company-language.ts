import { searchKeysOf, type StoredSearchKey, type Translations, translations } from '@azg/core/i18n';
import { Script } from './company.type';
import { scriptOf } from './spelling-script';

/** What a company's names and search keys are made from: its columns as the seed writes them. */
export interface CompanyNaming {
  name: string;
  latinName: string;
  spellings: ReadonlyArray<{ text: string; origin: string }>;
}

/**
 * The company's name in each language the document gives it in: Kazakh is the name as the
 * original first writes it; English the Latin name of the English translation; Russian the
 * first spelling of the original written in Cyrillic with no Kazakh-only letter (Алмерек beside
 * Әлмерек, Каз-Диа-Тест beside Қаз-Диа-Тест), which is the name as Russian writes it. A company
 * the original writes only in Latin or in mixed scripts (Valtherm, КМК Investment) has no
 * Russian form stored: a reader asking in Russian gets the original, marked as a fallback.
 */
export function companyTranslations(company: CompanyNaming): Translations {
  const russian = company.spellings.find((spelling) => spelling.origin === 'ORIGINAL' && scriptOf(spelling.text) === Script.CYRILLIC);
  return translations({ kk: company.name, ru: russian?.text ?? null, en: company.latinName });
}

/** A company's search keys: one per spelling, in the order the spellings are recorded. */
export function companySearchKeys(company: CompanyNaming): StoredSearchKey[] {
  return searchKeysOf(company.spellings.map((spelling) => ({ text: spelling.text })));
}
