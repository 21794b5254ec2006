import { Sector } from '@azg/core';
import { ArgsType, Field } from 'type-graphql';

/** The filters of `companies(...)`; a field left out does not narrow the list. */
@ArgsType()
export class CompaniesArgs {
  @Field(() => Boolean, { nullable: true, description: 'Only companies that are (true) or are not (false) zone participants.' })
  zoneParticipant?: boolean | null;

  @Field(() => Sector, { nullable: true, description: 'Only companies known to work in this sector.' })
  sector?: Sector | null;
}
