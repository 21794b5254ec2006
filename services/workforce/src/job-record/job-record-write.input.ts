import { IsNotSyntheticId, IsPastDate, LocalDateScalar } from '@azg/core/figures';
import { CountFigureInput, IsRecordId, MAX_WRITE_SOURCES, SourceInput } from '@azg/core/writes';
import { ArrayMaxSize, IsOptional, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

/** A record of a project's jobs at a date, as `recordJobs` takes it. */
@InputType('RecordJobsInput', { description: 'Jobs planned and created for a project, as they stood on a date. At least one of `planned` and `created`.' })
export class RecordJobsInput {
  @Field(() => ID, { description: 'The project (a project of the projects subgraph), e.g. "valtherm-radiator-plant".' })
  @IsRecordId()
  @IsNotSyntheticId()
  projectId!: string;

  @Field(() => LocalDateScalar, { description: 'The day the figures were true on: from 2000-01-01 to today.' })
  @IsPastDate()
  recordedOn!: string;

  @Field(() => CountFigureInput, { nullable: true, description: 'Jobs to be created: a whole number, 0 or more, with its qualifier. Omit when not known (never 0 for unknown).' })
  @IsOptional()
  @ValidateNested()
  planned?: CountFigureInput | null;

  @Field(() => CountFigureInput, { nullable: true, description: 'Jobs already created: a whole number, 0 or more, with its qualifier. Omit when not known.' })
  @IsOptional()
  @ValidateNested()
  created?: CountFigureInput | null;

  @Field(() => [SourceInput], { nullable: true, description: `The sources the figures rest on (at most ${MAX_WRITE_SOURCES}); without any, the record is marked as entered by its author.` })
  @IsOptional()
  @ArrayMaxSize(MAX_WRITE_SOURCES)
  @ValidateNested({ each: true })
  sources?: SourceInput[] | null;
}
