import { MAX_WRITE_SOURCES, PartialDateInput, SourceInput } from '@azg/core/writes';
import { ArrayMaxSize, IsEnum, IsInt, IsOptional, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { MAX_NAME_LENGTH, MAX_TEXT_LENGTH } from '../training-programme/training-programme-write.input';
import { TrainingInstitutionStatus } from './training-institution.type';

/** A field that may be cleared with null but, when given, must be some text. */
const given = (value: unknown) => value !== null && value !== undefined;

@InputType('UpdateTrainingInstitutionInput', {
  description: 'An edit of a training institution (e.g. the technical college): only the fields given change; a nullable field given as null is cleared.',
})
export class UpdateTrainingInstitutionInput {
  @Field(() => String, { nullable: true, description: `The name in English; 1 to ${MAX_NAME_LENGTH} characters; cannot be cleared.` })
  @ValidateIf((input: UpdateTrainingInstitutionInput) => input.name !== undefined)
  @MinLength(1)
  @MaxLength(MAX_NAME_LENGTH)
  name?: string | null;

  @Field(() => String, { nullable: true, description: `The name in Kazakh; at most ${MAX_NAME_LENGTH} characters.` })
  @ValidateIf((input: UpdateTrainingInstitutionInput) => given(input.nameKk))
  @MinLength(1)
  @MaxLength(MAX_NAME_LENGTH)
  nameKk?: string | null;

  @Field(() => TrainingInstitutionStatus, { nullable: true, description: 'Where it stands: planned, being built or operating; cannot be cleared.' })
  @ValidateIf((input: UpdateTrainingInstitutionInput) => input.status !== undefined)
  @IsEnum(TrainingInstitutionStatus)
  status?: TrainingInstitutionStatus | null;

  @Field(() => String, { nullable: true, description: `Who builds it, in English; at most ${MAX_NAME_LENGTH} characters.` })
  @ValidateIf((input: UpdateTrainingInstitutionInput) => given(input.builder))
  @MinLength(1)
  @MaxLength(MAX_NAME_LENGTH)
  builder?: string | null;

  @Field(() => String, { nullable: true, description: `Where it is, in English; at most ${MAX_TEXT_LENGTH} characters.` })
  @ValidateIf((input: UpdateTrainingInstitutionInput) => given(input.location))
  @MinLength(1)
  @MaxLength(MAX_TEXT_LENGTH)
  location?: string | null;

  @Field(() => String, { nullable: true, description: `What it is for, in English; at most ${MAX_TEXT_LENGTH} characters.` })
  @ValidateIf((input: UpdateTrainingInstitutionInput) => given(input.purpose))
  @MinLength(1)
  @MaxLength(MAX_TEXT_LENGTH)
  purpose?: string | null;

  @Field(() => Int, { nullable: true, description: 'How many students it can teach at once: 1 to 100000.' })
  @ValidateIf((input: UpdateTrainingInstitutionInput) => given(input.capacity))
  @IsInt()
  @Min(1)
  @Max(100_000)
  capacity?: number | null;

  @Field(() => PartialDateInput, { nullable: true, description: 'When it opens or opened, at the precision known ("2023", "2023-Q3", "2023-09", "2023-09-01").' })
  @IsOptional()
  @ValidateNested()
  opening?: PartialDateInput | null;

  @Field(() => [SourceInput], { nullable: true, description: `The sources the edit rests on (at most ${MAX_WRITE_SOURCES}), added to the institution's; without any, the edit is marked as entered by its author.` })
  @IsOptional()
  @ArrayMaxSize(MAX_WRITE_SOURCES)
  @ValidateNested({ each: true })
  sources?: SourceInput[] | null;
}
