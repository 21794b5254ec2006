import { createLocalizedNameResolver } from '@azg/core/i18n';
import { TrainingInstitution } from './training-institution.type';

/** `TrainingInstitution.nameIn(lang:)`. */
export const TrainingInstitutionNameResolver = createLocalizedNameResolver(TrainingInstitution, {
  description: 'The institution\'s name in a language: the Kazakh words of the document, or English; the sources give no Russian name, '
    + 'so Russian is answered with the Kazakh original, marked as a fallback.',
});
