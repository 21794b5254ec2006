import { type Translations, translations } from '@azg/core/i18n';

/** A project group's name and description by language: Kazakh words where the document has them, English as written for this graph. */
export function groupTranslations(group: { name: string; nameKk: string | null; description: string }): { names: Translations; descriptions: Translations } {
  return { names: translations({ kk: group.nameKk, en: group.name }), descriptions: translations({ en: group.description }) };
}
