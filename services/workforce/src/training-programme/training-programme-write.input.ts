import { IsNotSyntheticId } from '@azg/core/figures';
import { IsRecordId, MAX_WRITE_SOURCES, SourceInput } from '@azg/core/writes';
import { ArrayMaxSize, IsInt, IsOptional, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

/** Longest name a write may give. */
export const MAX_NAME_LENGTH = 200;
/** Longest other text a write may give. */
export const MAX_TEXT_LENGTH = 1_000;

@InputType('AddTrainingProgrammeInput', { description: 'A new programme of a training institution.' })
export class AddTrainingProgrammeInput {
  @Field(() => ID, { description: 'The programme\'s record id (lower-case letters, digits, hyphens), e.g. "college-welding". CONFLICT when taken.' })
  @IsRecordId()
  @IsNotSyntheticId()
  id!: string;

  @Field(() => ID, { description: 'The institution that teaches it, e.g. "industrial-zone-technical-college". NOT_FOUND when no institution has the id.' })
  @IsRecordId()
  institutionId!: string;

  @Field(() => String, { description: `The name in English; 1 to ${MAX_NAME_LENGTH} characters, one programme of the name per institution (CONFLICT otherwise).` })
  @MinLength(1)
  @MaxLength(MAX_NAME_LENGTH)
  name!: string;

  @Field(() => String, { nullable: true, description: `The name in Kazakh; at most ${MAX_NAME_LENGTH} characters.` })
  @IsOptional()
  @MinLength(1)
  @MaxLength(MAX_NAME_LENGTH)
  nameKk?: string | null;

  @Field(() => String, { nullable: true, description: `The qualification it leads to, in English; at most ${MAX_NAME_LENGTH} characters.` })
  @IsOptional()
  @MinLength(1)
  @MaxLength(MAX_NAME_LENGTH)
  qualification?: string | null;

  @Field(() => Int, { nullable: true, description: 'How long it takes, in months: 1 to 120.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  durationMonths?: number | null;

  @Field(() => Int, { nullable: true, description: 'How many students it takes in a year: 1 to 100000.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  annualIntake?: number | null;

  @Field(() => [SourceInput], { nullable: true, description: `The sources the programme rests on (at most ${MAX_WRITE_SOURCES}); without any, it is marked as entered by its author.` })
  @IsOptional()
  @ArrayMaxSize(MAX_WRITE_SOURCES)
  @ValidateNested({ each: true })
  sources?: SourceInput[] | null;
}
