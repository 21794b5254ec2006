import { DateTimeScalar, MAX_WRITE_SOURCES, SourceInput } from '@azg/core/writes';
import { ArrayMaxSize, IsEnum, IsOptional, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { ProjectStatus } from '../project/project.type';

@InputType('ChangeProjectStatusInput', { description: 'A project\'s move to another status, and when it happened.' })
export class ChangeProjectStatusInput {
  @Field(() => ProjectStatus, { description: 'The new status: PROPOSED → PLANNED → UNDER_CONSTRUCTION → COMMISSIONING → OPERATING (COMMISSIONING may be skipped), and any status → REMOVED with a reason.' })
  @IsEnum(ProjectStatus)
  status!: ProjectStatus;

  @Field(() => String, { nullable: true, description: 'Why; required for REMOVED. At most 1000 characters.' })
  @IsOptional()
  @MinLength(1)
  @MaxLength(1_000)
  reason?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it happened (not in the future, not before the project\'s last change); now when omitted.' })
  @IsOptional()
  at?: Date | null;

  @Field(() => [SourceInput], { nullable: true, description: `Where the change is reported (at most ${MAX_WRITE_SOURCES}); when none, it is marked as entered by you.` })
  @IsOptional()
  @ArrayMaxSize(MAX_WRITE_SOURCES)
  @ValidateNested({ each: true })
  sources?: SourceInput[] | null;
}
