import { Language, localize, LocalizedText } from '@azg/core';
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { TrainingInstitution } from './training-institution.type';

@Resolver(() => TrainingInstitution)
export class TrainingInstitutionNameResolver {
  @FieldResolver(() => LocalizedText, {
    description: 'The institution\'s name in a language: the Kazakh words of the document, or English; the sources give no Russian name, '
      + 'so Russian is answered with the Kazakh original, marked as a fallback.',
  })
  nameIn(
    @Root() institution: TrainingInstitution,
    @Arg('lang', () => Language, { nullable: true, description: 'The language wanted; by default the request\'s Accept-Language, else Kazakh.' }) lang: Language | null | undefined,
    @Ctx() context: Context,
  ): LocalizedText {
    // A row written without names (by a tool that predates them) still answers from its columns.
    return localize({ kk: institution.nameKk ?? undefined, en: institution.name, ...institution.names }, lang ?? context.language)!;
  }
}
