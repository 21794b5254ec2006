import { Language, localize, LocalizedText } from '@azg/core';
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ProjectsContext } from '../context';
import { Project } from './project.type';

@Resolver(() => Project)
export class ProjectNameResolver {
  @FieldResolver(() => LocalizedText, {
    description: 'The project\'s name in a language: Kazakh where the document has its own words for the project, English as written for this graph; '
      + 'the document gives no Russian names. Where no name is stored in the language asked, the Kazakh original (else the English name) is answered, marked as a fallback.',
  })
  nameIn(
    @Root() project: Project,
    @Arg('lang', () => Language, { nullable: true, description: 'The language wanted; by default the request\'s Accept-Language, else Kazakh.' }) lang: Language | null | undefined,
    @Ctx() ctx: ProjectsContext,
  ): LocalizedText {
    // A row written without names (by a tool that predates them) still answers from its columns.
    return localize({ kk: project.nameKk ?? undefined, en: project.name, ...project.names }, lang ?? ctx.language)!;
  }
}
