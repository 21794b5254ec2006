import { Language, SearchMatch } from '@azg/core/i18n';
import { Field, Float, ObjectType } from 'type-graphql';
import { Project } from './project.type';

@ObjectType({ description: 'A project a search found: the project, the name of it that the text met best, and how well.' })
export class ProjectSearchHit {
  @Field(() => Project, { description: 'The project found.' })
  project!: Project;

  @Field(() => String, { description: 'The name of the project that the text met best, as stored (the Kazakh words of the document, or the English name).' })
  matchedText!: string;

  @Field(() => Language, { description: 'The language of that name.' })
  matchedLanguage!: Language;

  @Field(() => SearchMatch, { description: 'How the text met that name.' })
  match!: SearchMatch;

  @Field(() => Float, { description: 'How well the text met the name, from 0 to 1 (1 for an exact match); hits are ordered by it, then by name.' })
  score!: number;
}
