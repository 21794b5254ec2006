import { createLocalizedNameResolver } from '@azg/core/i18n';
import { IndustrialZone } from './industrial-zone.type';

/** `IndustrialZone.nameIn(lang:)`. */
export const IndustrialZoneNameResolver = createLocalizedNameResolver(IndustrialZone, {
  description: 'The zone\'s name in a language: the Kazakh words of the source, or English; the sources give no Russian name, '
    + 'so Russian is answered with the Kazakh original, marked as a fallback.',
});
