import { Language, localize, LocalizedText } from '@azg/core';
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Company } from './company.type';

@Resolver(() => Company)
export class CompanyNameResolver {
  @FieldResolver(() => LocalizedText, {
    description: 'The company\'s name in a language: Kazakh as the original writes it, English as the translation transliterates it, '
      + 'Russian where the original also writes it in Russian Cyrillic (Алмерек); otherwise the Kazakh original, marked as a fallback.',
  })
  nameIn(
    @Root() company: Company,
    @Arg('lang', () => Language, { nullable: true, description: 'The language wanted; by default the request\'s Accept-Language, else Kazakh.' }) lang: Language | null | undefined,
    @Ctx() context: Context,
  ): LocalizedText {
    // A row written without names (by a tool that predates them) still answers from its columns.
    return localize({ kk: company.name, en: company.latinName, ...company.names }, lang ?? context.language)!;
  }
}
