import { createLocalizedNameResolver } from '@azg/core/i18n';
import { Company } from './company.type';

/** `Company.nameIn(lang:)`. */
export const CompanyNameResolver = createLocalizedNameResolver<Company>(Company, {
  description: 'The company\'s name in a language: Kazakh as the original writes it, English as the translation transliterates it, '
    + 'Russian where the original also writes it in Russian Cyrillic (Алмерек); otherwise the Kazakh original, marked as a fallback.',
  names: (company) => ({ kk: company.name, en: company.latinName, ...company.names }),
});
