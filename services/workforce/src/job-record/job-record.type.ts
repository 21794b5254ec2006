import { CountFigure, LocalDateScalar, Source } from '@azg/core/figures';
import { AuthorEntry } from '@azg/core/writes';
import { Field, ID, ObjectType } from 'type-graphql';

/** Jobs of a project as recorded at a date; its project is added by the record's resolver. */
@ObjectType({
  description: 'Jobs planned and created for a project as recorded at a date, appended and never changed. A project\'s `workforce` answers, for planned and created apart, '
    + 'the latest-dated record that states the figure (the document\'s figure where none does): records are never added up.',
})
export class JobRecord {
  @Field(() => ID, { description: 'The record\'s number: later records have larger numbers.' })
  id!: string;

  /** The project the jobs are for (resolved by `project`). */
  projectId!: string;

  @Field(() => LocalDateScalar, { description: 'The day the figures were true on.' })
  recordedOn!: string;

  @Field(() => CountFigure, { nullable: true, description: 'Jobs to be created, as recorded; null when the record does not say (never 0 for unknown).' })
  planned!: CountFigure | null;

  @Field(() => CountFigure, { nullable: true, description: 'Jobs already created, as recorded; null when the record does not say (never 0 for unknown).' })
  created!: CountFigure | null;

  @Field(() => [Source], { description: 'The sources the record rests on; empty when it was entered without one (see `enteredBy`).' })
  sources!: Source[];

  @Field(() => AuthorEntry, { nullable: true, description: 'Who entered the record, when it stated no source; null when it did.' })
  enteredBy!: AuthorEntry | null;
}
