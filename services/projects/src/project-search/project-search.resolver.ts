import { assertSearchLimit, MAX_SEARCH_HITS, parseSearchText } from '@azg/core/i18n';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { ProjectSearchRepository } from './project-search.repository';
import { ProjectSearchHit } from './project-search.type';

@Resolver(() => ProjectSearchHit)
export class ProjectSearchResolver {
  @Query(() => [ProjectSearchHit], {
    description: 'Projects found by any spelling of their names (the Kazakh words of the document, the English name): any script, any case, '
      + 'with or without quotes, legal forms, punctuation or spaces ("газбетон" finds the aerated-concrete plants, "kmk" KMK Investment\'s plants). '
      + 'Best first; empty when nothing is close. This subgraph knows a project\'s own names only: to find projects by their company\'s spellings, '
      + 'ask `searchCompanies { company { projects } }` in the same operation.',
  })
  async searchProjects(
    @Arg('text', () => String, { description: 'What to look for: a name or a part of one, in any script, at most 200 characters, with at least one letter or digit.' }) text: string,
    @Arg('first', () => Int, { defaultValue: 10, description: `How many hits to answer at most, from 1 to ${MAX_SEARCH_HITS}.` }) first: number,
    @Ctx() ctx: Context,
  ): Promise<ProjectSearchHit[]> {
    const query = parseSearchText(text);
    const records = await new ProjectSearchRepository(ctx.db).search(query, assertSearchLimit(first));
    return records.map((record) => {
      ctx.loaders.projectById.prime(record.project.id, record.project);
      return record;
    });
  }
}
