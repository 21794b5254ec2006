import { createLocalizedNameResolver, Language, localize, LocalizedText } from '@azg/core/i18n';
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { ProjectGroup } from './project-group.type';

/** `ProjectGroup.nameIn(lang:)`. */
export const ProjectGroupNameResolver = createLocalizedNameResolver(ProjectGroup, {
  description: 'The group\'s name in a language: Kazakh words from the document, English as written for this graph; otherwise the original, marked as a fallback.',
});

/** `ProjectGroup.descriptionIn(lang:)`: the group's other text by language, answered as `nameIn` answers its name. */
@Resolver(() => ProjectGroup)
export class ProjectGroupDescriptionResolver {
  @FieldResolver(() => LocalizedText, { description: 'What the group is, in a language: only English is stored, so any other language is answered in English, marked as a fallback.' })
  descriptionIn(
    @Root() group: ProjectGroup,
    @Arg('lang', () => Language, { nullable: true, description: 'The language wanted; by default the request\'s Accept-Language, else Kazakh.' }) lang: Language | null | undefined,
    @Ctx() ctx: Context,
  ): LocalizedText {
    return localize({ en: group.description, ...group.descriptions }, lang ?? ctx.language)!;
  }
}
