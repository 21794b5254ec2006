import { assertSearchLimit, parseSearchText, SearchFirstArg, SearchTextArg } from '@azg/core/i18n';
import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { CompanySearchHit } from './company-search.type';

@Resolver(() => CompanySearchHit)
export class CompanySearchResolver {
  @Query(() => [CompanySearchHit], {
    description: 'Companies found by any spelling of their name: Kazakh or Russian Cyrillic, Latin transliteration, any case, with or without quotes, '
      + 'legal form (ЖШС, ТОО, LLP), punctuation or spaces ("almerek", "Алмерек" and "әлмерек" all find «Әлмерек» ЖШС; "GSG" finds «Г. С. Г. Высотник»). '
      + 'Best first; empty when nothing is close. Projects are found by `searchProjects`; ask both in one operation to search everything.',
  })
  async searchCompanies(
    @SearchTextArg() text: string,
    @SearchFirstArg() first: number,
    @Ctx() context: Context,
  ): Promise<CompanySearchHit[]> {
    const hits = await context.repositories.companies.search(parseSearchText(text), assertSearchLimit(first));
    // A hit's company is the whole Company: a field of it asked again in this request needs no statement.
    for (const { company } of hits) context.loaders.companyById.prime(company.id, company);
    return hits;
  }
}
