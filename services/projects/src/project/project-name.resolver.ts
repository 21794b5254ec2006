import { createLocalizedNameResolver } from '@azg/core/i18n';
import { Project } from './project.type';

/** `Project.nameIn(lang:)`. */
export const ProjectNameResolver = createLocalizedNameResolver(Project, {
  description: 'The project\'s name in a language: Kazakh where the document has its own words for the project, English as written for this graph; '
    + 'the document gives no Russian names. Where no name is stored in the language asked, the Kazakh original (else the English name) is answered, marked as a fallback.',
});
