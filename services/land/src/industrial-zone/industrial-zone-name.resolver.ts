import { Language, localize, LocalizedText } from '@azg/core';
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { LandContext } from '../context';
import type { IndustrialZoneRecord } from '../land-documents';
import { IndustrialZone } from './industrial-zone.type';

@Resolver(() => IndustrialZone)
export class IndustrialZoneNameResolver {
  @FieldResolver(() => LocalizedText, {
    description: 'The zone\'s name in a language: the Kazakh words of the source, or English; the sources give no Russian name, '
      + 'so Russian is answered with the Kazakh original, marked as a fallback.',
  })
  nameIn(
    @Root() record: IndustrialZoneRecord,
    @Arg('lang', () => Language, { nullable: true, description: 'The language wanted; by default the request\'s Accept-Language, else Kazakh.' }) lang: Language | null | undefined,
    @Ctx() context: LandContext,
  ): LocalizedText {
    // A row written without names (by a tool that predates them) still answers from its columns.
    return localize({ kk: record.nameKk ?? undefined, en: record.name, ...record.names }, lang ?? context.language)!;
  }
}
