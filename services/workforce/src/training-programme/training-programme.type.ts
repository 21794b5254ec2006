import { Source } from '@azg/core/figures';
import { AuthorEntry } from '@azg/core/writes';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/** A programme a training institution teaches; its institution is added by the programme's resolver. */
@ObjectType({ description: 'A programme a training institution teaches: what it trains for, how long it takes and how many it takes in.' })
export class TrainingProgramme {
  @Field(() => ID, { description: 'The programme\'s record id, e.g. "college-welding".' })
  id!: string;

  /** The institution that teaches it (resolved by `institution`). */
  institutionId!: string;

  @Field(() => String, { description: 'The programme\'s name in English.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The programme\'s name in Kazakh, where known.' })
  nameKk!: string | null;

  @Field(() => String, { nullable: true, description: 'The qualification it leads to, in English, e.g. "welder"; null when not known.' })
  qualification!: string | null;

  @Field(() => Int, { nullable: true, description: 'How long it takes, in months; null when not known.' })
  durationMonths!: number | null;

  @Field(() => Int, { nullable: true, description: 'How many students it takes in a year; null when not known.' })
  annualIntake!: number | null;

  @Field(() => [Source], { description: 'The sources the programme rests on; empty when it was entered without one (see `enteredBy`).' })
  sources!: Source[];

  @Field(() => [AuthorEntry], { description: 'Every write of the programme that stated no source, oldest first; empty when each did.' })
  enteredBy!: AuthorEntry[];

  @Field(() => Int, { description: 'The record\'s version: 1 when added, one more with every edit.' })
  version!: number;
}
