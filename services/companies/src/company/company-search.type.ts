import { SearchMatch } from '@azg/core/i18n';
import { Field, Float, ObjectType } from 'type-graphql';
import { Company, CompanySpelling } from './company.type';

@ObjectType({ description: 'A company a search found: the company, the spelling of its name the text met best, and how well.' })
export class CompanySearchHit {
  @Field(() => Company, { description: 'The company found.' })
  company!: Company;

  @Field(() => CompanySpelling, { description: 'The spelling of the company\'s name that the text met best (on a tie, the one closest to the text as typed).' })
  spelling!: CompanySpelling;

  @Field(() => SearchMatch, { description: 'How the text met that spelling.' })
  match!: SearchMatch;

  @Field(() => Float, { description: 'How well the text met the spelling, from 0 to 1 (1 for an exact match); hits are ordered by it, then by name.' })
  score!: number;
}
