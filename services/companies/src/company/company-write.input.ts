import { Sector } from '@azg/core/figures';
import { IsRecordId, MAX_WRITE_SOURCES, SourceInput } from '@azg/core/writes';
import { ArrayMaxSize, IsBoolean, IsEnum, IsIn, IsOptional, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { LegalForm, SpellingOrigin } from './company.type';

/** Longest name or spelling (as the table allows). */
export const MAX_COMPANY_NAME_LENGTH = 300;
/** Printable ASCII: what a Latin name may hold (as the table checks it). */
const PRINTABLE_ASCII = /^[ -~]+$/;

const SOURCES_DESCRIPTION = `Where the facts come from (at most ${MAX_WRITE_SOURCES}; documents are checked for shape here, since they belong to the projects subgraph); when none, the write is marked as entered by you.`;

@InputType('RegisterCompanyInput', { description: 'A new company. Its name and Latin name become its first spellings. Give its sources, or it is marked as entered by you.' })
export class RegisterCompanyInput {
  @Field(() => ID, { nullable: true, description: 'The id to give it (lower-case letters, digits, hyphens; not "synthetic-..."); by default one made from the Latin name.' })
  @IsOptional()
  @IsRecordId()
  id?: string | null;

  @Field(() => String, { description: `The name as the source writes it, without quotation marks or legal form, e.g. "Әлмерек"; 1 to ${MAX_COMPANY_NAME_LENGTH} characters, in Latin or Cyrillic letters.` })
  @MinLength(1)
  @MaxLength(MAX_COMPANY_NAME_LENGTH)
  name!: string;

  @Field(() => String, { description: 'The name in Latin letters (printable ASCII), e.g. "Almerek".' })
  @MinLength(1)
  @MaxLength(MAX_COMPANY_NAME_LENGTH)
  @Matches(PRINTABLE_ASCII, { message: '$property must be in Latin letters (printable ASCII)' })
  latinName!: string;

  @Field(() => LegalForm, { nullable: true, description: 'The legal form written after the name, if any.' })
  @IsOptional()
  @IsIn(Object.values(LegalForm))
  legalForm?: LegalForm | null;

  @Field(() => [Sector], { defaultValue: [], description: 'Its industries.' })
  @IsEnum(Sector, { each: true })
  @ArrayMaxSize(10)
  sectors!: Sector[];

  @Field(() => Boolean, { defaultValue: false, description: 'Whether it is a participant of the Industrial Zone.' })
  @IsBoolean()
  zoneParticipant!: boolean;

  @Field(() => [SourceInput], { nullable: true, description: SOURCES_DESCRIPTION })
  @IsOptional()
  @ArrayMaxSize(MAX_WRITE_SOURCES)
  @ValidateNested({ each: true })
  sources?: SourceInput[] | null;
}

@InputType('UpdateCompanyInput', { description: 'Changes to a company: only the fields given change. A new name or Latin name is also added to its spellings. Its document sources stay; the write adds its own, or is marked as entered by you.' })
export class UpdateCompanyInput {
  @Field(() => String, { nullable: true, description: `A new name; 1 to ${MAX_COMPANY_NAME_LENGTH} characters.` })
  @IsOptional()
  @MinLength(1)
  @MaxLength(MAX_COMPANY_NAME_LENGTH)
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'A new name in Latin letters (printable ASCII).' })
  @IsOptional()
  @MinLength(1)
  @MaxLength(MAX_COMPANY_NAME_LENGTH)
  @Matches(PRINTABLE_ASCII, { message: '$property must be in Latin letters (printable ASCII)' })
  latinName?: string | null;

  @Field(() => LegalForm, { nullable: true, description: 'The legal form; null to clear it.' })
  @IsOptional()
  @IsIn(Object.values(LegalForm))
  legalForm?: LegalForm | null;

  @Field(() => [Sector], { nullable: true, description: 'The industries, replacing the old ones.' })
  @IsOptional()
  @IsEnum(Sector, { each: true })
  @ArrayMaxSize(10)
  sectors?: Sector[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether it is a participant of the Industrial Zone.' })
  @IsOptional()
  @IsBoolean()
  zoneParticipant?: boolean | null;

  @Field(() => [SourceInput], { nullable: true, description: SOURCES_DESCRIPTION })
  @IsOptional()
  @ArrayMaxSize(MAX_WRITE_SOURCES)
  @ValidateNested({ each: true })
  sources?: SourceInput[] | null;
}

@InputType('AddCompanySpellingInput', { description: 'Another way a source writes a company\'s name.' })
export class AddCompanySpellingInput {
  @Field(() => String, { description: `The spelling exactly as written, without quotation marks or legal form; 1 to ${MAX_COMPANY_NAME_LENGTH} characters, in Latin or Cyrillic letters. Its script is computed.` })
  @MinLength(1)
  @MaxLength(MAX_COMPANY_NAME_LENGTH)
  text!: string;

  @Field(() => SpellingOrigin, { nullable: true, description: 'ORIGINAL or TRANSLATION, for a spelling with sources (ORIGINAL by default; the paragraph is the first source\'s). A spelling without sources is ENTERED, with no paragraph.' })
  @IsOptional()
  @IsIn([SpellingOrigin.ORIGINAL, SpellingOrigin.TRANSLATION], { message: '$property must be ORIGINAL or TRANSLATION (ENTERED is given to a spelling without sources)' })
  origin?: SpellingOrigin | null;

  @Field(() => [SourceInput], { nullable: true, description: SOURCES_DESCRIPTION })
  @IsOptional()
  @ArrayMaxSize(MAX_WRITE_SOURCES)
  @ValidateNested({ each: true })
  sources?: SourceInput[] | null;
}
