import { Language, searchKeysOf, type StoredSearchKey, translations, type Translations } from '@azg/core/i18n';

/** A project's stored search key: a name's key, and the language of that name. */
export type ProjectSearchKey = StoredSearchKey & { language: Language };

/**
 * A project's name in each language the sources give it in: Kazakh where the document has its
 * own words for the project, English as written for this graph from the document's description.
 * The document gives no Russian names for projects, so none is stored.
 */
export function projectTranslations(project: { name: string; nameKk: string | null }): Translations {
  return translations({ kk: project.nameKk, en: project.name });
}

/** The search keys of a project's names, each with the language of the name it was made from. */
export function projectSearchKeys(names: Translations): ProjectSearchKey[] {
  return searchKeysOf([
    { text: names.kk ?? '', language: Language.KK },
    { text: names.ru ?? '', language: Language.RU },
    { text: names.en ?? '', language: Language.EN },
  ]);
}
