import { assertSearchLimit, parseSearchText, SearchFirstArg, SearchTextArg } from '@azg/core/i18n';
import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
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
    @SearchTextArg() text: string,
    @SearchFirstArg() first: number,
    @Ctx() ctx: Context,
  ): Promise<ProjectSearchHit[]> {
    const query = parseSearchText(text);
    const records = await ctx.repositories.projects.search(query, assertSearchLimit(first));
    return records.map((record) => {
      ctx.loaders.projectById.prime(record.project.id, record.project);
      return record;
    });
  }
}
