import { Source } from '@azg/core/figures';
import { AuthorEntry, DateTimeScalar } from '@azg/core/writes';
import { Field, ObjectType } from 'type-graphql';
import { ProjectStatus } from '../project/project.type';

/** One recorded move of a project from one status to another. */
@ObjectType('ProjectStatusChange', { description: 'A project\'s move from one status to another, as recorded by `changeProjectStatus`: when it happened, why, and on whose word.' })
export class ProjectStatusChange {
  @Field(() => ProjectStatus, { description: 'The status before.' })
  from!: ProjectStatus;

  @Field(() => ProjectStatus, { description: 'The status after.' })
  to!: ProjectStatus;

  @Field(() => DateTimeScalar, { description: 'When the change happened (as the writer said; when it was recorded otherwise).' })
  at!: string;

  @Field(() => String, { nullable: true, description: 'Why (always given for REMOVED).' })
  reason!: string | null;

  @Field(() => [Source], { description: 'Where the change is reported; empty when it was entered by its author.' })
  sources!: Source[];

  @Field(() => AuthorEntry, { nullable: true, description: 'Who entered the change, when it stated no source.' })
  enteredBy!: AuthorEntry | null;

  @Field(() => DateTimeScalar, { description: 'When the change was written into the graph.' })
  recordedAt!: string;

  projectId!: string;
}
