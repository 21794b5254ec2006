import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The workforce subgraph's TrainingInstitution, as this subgraph knows it: to list the
 * projects an institution trains for, it needs to know whether it serves the whole zone.
 */
@Directive('@key(fields: "id")')
@ObjectType('TrainingInstitution', { description: 'A college or school training workers for the zone (owned by the workforce subgraph).' })
export class TrainingInstitutionReference {
  @Field(() => ID, { description: 'The institution\'s id.' })
  id!: string;

  @Directive('@external')
  @Field(() => Boolean, { description: 'Whether it trains specialists for all the zone\'s projects (from the workforce subgraph).' })
  servesAllZoneProjects!: boolean;
}
