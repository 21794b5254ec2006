import { Sector } from '@azg/core/figures';
import { IsRecordId, MAX_WRITE_SOURCES, MoneyFigureInput, PartialDateInput, SourceInput } from '@azg/core/writes';
import {
  ArrayMaxSize, IsEnum, IsInt, IsOptional, Max, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ProjectStatus } from './project.type';

/** Longest name a project may be given (as the table allows). */
export const MAX_PROJECT_NAME_LENGTH = 300;

@InputType('CreateProjectInput', { description: 'A new project. Give its sources, or it is marked as entered by you.' })
export class CreateProjectInput {
  @Field(() => ID, { nullable: true, description: 'The id to give it (lower-case letters, digits, hyphens; not "synthetic-..."); by default one made from the name, e.g. "glass-container-plant".' })
  @IsOptional()
  @IsRecordId()
  id?: string | null;

  @Field(() => String, { description: `The project's name in English; 1 to ${MAX_PROJECT_NAME_LENGTH} characters.` })
  @MinLength(1)
  @MaxLength(MAX_PROJECT_NAME_LENGTH)
  name!: string;

  @Field(() => String, { nullable: true, description: 'The project\'s name in the source\'s own (Kazakh) words.' })
  @IsOptional()
  @MinLength(1)
  @MaxLength(MAX_PROJECT_NAME_LENGTH)
  nameKk?: string | null;

  @Field(() => ID, { description: 'The company that carries it out (an id of the companies subgraph: only its shape is checked here).' })
  @IsRecordId()
  companyId!: string;

  @Field(() => ProjectStatus, { defaultValue: ProjectStatus.PLANNED, description: 'Where it stands; PLANNED by default. Change it later with `changeProjectStatus`.' })
  @IsEnum(ProjectStatus)
  status!: ProjectStatus;

  @Field(() => [Sector], { defaultValue: [], description: 'Its industries.' })
  @IsEnum(Sector, { each: true })
  @ArrayMaxSize(10)
  sectors!: Sector[];

  @Field(() => MoneyFigureInput, { nullable: true, description: 'Its own investment or cost; none when only a group figure is known.' })
  @IsOptional()
  @ValidateNested()
  investment?: MoneyFigureInput | null;

  @Field(() => PartialDateInput, { nullable: true, description: 'When it is planned to launch.' })
  @IsOptional()
  @ValidateNested()
  plannedLaunch?: PartialDateInput | null;

  @Field(() => Int, { nullable: true, description: 'Which phase of its company\'s projects it is (1 or more).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  phase?: number | null;

  @Field(() => String, { nullable: true, description: 'The progress reported, in English; at most 2000 characters.' })
  @IsOptional()
  @MaxLength(2_000)
  progress?: string | null;

  @Field(() => [SourceInput], { nullable: true, description: `Where the facts come from (at most ${MAX_WRITE_SOURCES}); when none, the project is marked as entered by you.` })
  @IsOptional()
  @ArrayMaxSize(MAX_WRITE_SOURCES)
  @ValidateNested({ each: true })
  sources?: SourceInput[] | null;
}

@InputType('UpdateProjectInput', { description: 'Changes to a project: only the fields given change (null clears a field that may be empty). Its document sources stay; the write\'s sources are added, or the write is marked as entered by you. Its status changes with `changeProjectStatus`.' })
export class UpdateProjectInput {
  @Field(() => String, { nullable: true, description: `A new English name; 1 to ${MAX_PROJECT_NAME_LENGTH} characters.` })
  @IsOptional()
  @MinLength(1)
  @MaxLength(MAX_PROJECT_NAME_LENGTH)
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'A new name in the source\'s own words; null to clear it.' })
  @IsOptional()
  @MinLength(1)
  @MaxLength(MAX_PROJECT_NAME_LENGTH)
  nameKk?: string | null;

  @Field(() => ID, { nullable: true, description: 'Another company (its shape only is checked here).' })
  @IsOptional()
  @IsRecordId()
  companyId?: string | null;

  @Field(() => [Sector], { nullable: true, description: 'The industries, replacing the old ones.' })
  @IsOptional()
  @IsEnum(Sector, { each: true })
  @ArrayMaxSize(10)
  sectors?: Sector[] | null;

  @Field(() => MoneyFigureInput, { nullable: true, description: 'The investment; null to clear it.' })
  @IsOptional()
  @ValidateNested()
  investment?: MoneyFigureInput | null;

  @Field(() => PartialDateInput, { nullable: true, description: 'The planned launch; null to clear it.' })
  @IsOptional()
  @ValidateNested()
  plannedLaunch?: PartialDateInput | null;

  @Field(() => PartialDateInput, { nullable: true, description: 'When it launched; null to clear it.' })
  @IsOptional()
  @ValidateNested()
  actualLaunch?: PartialDateInput | null;

  @Field(() => Int, { nullable: true, description: 'The phase (1 or more); null to clear it.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  phase?: number | null;

  @Field(() => String, { nullable: true, description: 'The progress reported; null to clear it.' })
  @IsOptional()
  @MaxLength(2_000)
  progress?: string | null;

  @Field(() => [SourceInput], { nullable: true, description: `Where the changes come from (at most ${MAX_WRITE_SOURCES}); when none, the write is marked as entered by you.` })
  @IsOptional()
  @ArrayMaxSize(MAX_WRITE_SOURCES)
  @ValidateNested({ each: true })
  sources?: SourceInput[] | null;
}
