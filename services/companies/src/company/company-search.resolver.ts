import { assertSearchLimit, MAX_SEARCH_HITS, parseSearchText } from '@azg/core/i18n';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { CompanyRepository } from './company.repository';
import { CompanySearchHit } from './company-search.type';

@Resolver(() => CompanySearchHit)
export class CompanySearchResolver {
  @Query(() => [CompanySearchHit], {
    description: 'Companies found by any spelling of their name: Kazakh or Russian Cyrillic, Latin transliteration, any case, with or without quotes, '
      + 'legal form (ЖШС, ТОО, LLP), punctuation or spaces ("almerek", "Алмерек" and "әлмерек" all find «Әлмерек» ЖШС; "GSG" finds «Г. С. Г. Высотник»). '
      + 'Best first; empty when nothing is close. Projects are found by `searchProjects`; ask both in one operation to search everything.',
  })
  async searchCompanies(
    @Arg('text', () => String, { description: 'What to look for: a name or a part of one, in any script, at most 200 characters, with at least one letter or digit.' }) text: string,
    @Arg('first', () => Int, { defaultValue: 10, description: `How many hits to answer at most, from 1 to ${MAX_SEARCH_HITS}.` }) first: number,
    @Ctx() context: Context,
  ): Promise<CompanySearchHit[]> {
    const query = parseSearchText(text);
    const records = await new CompanyRepository(context.db).search(query, assertSearchLimit(first));
    return records.map(({ company, spellingText, match, score }) => {
      context.loaders.companyById.prime(company.id, company);
      const spelling = company.spellings.find((candidate) => candidate.text === spellingText) ?? company.spellings[0]!;
      return { company, spelling, match, score };
    });
  }
}
