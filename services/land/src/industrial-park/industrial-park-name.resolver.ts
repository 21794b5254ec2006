import { createLocalizedNameResolver } from '@azg/core/i18n';
import { IndustrialPark } from './industrial-park.type';

/** `IndustrialPark.nameIn(lang:)`. */
export const IndustrialParkNameResolver = createLocalizedNameResolver(IndustrialPark, {
  description: 'The parks\' name in a language: the Kazakh words of the source, or English; the sources give no Russian name, '
    + 'so Russian is answered with the Kazakh original, marked as a fallback.',
});
