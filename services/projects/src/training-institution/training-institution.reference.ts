import { ENTITY_DESCRIPTIONS } from '@azg/core/federation';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The workforce subgraph's TrainingInstitution, as this subgraph knows it: to list the
 * projects an institution trains for, it needs to know whether it serves the whole zone.
 */
@Directive('@key(fields: "id")')
@ObjectType('TrainingInstitution', { description: ENTITY_DESCRIPTIONS.TrainingInstitution.type })
export class TrainingInstitutionReference {
  @Field(() => ID, { description: ENTITY_DESCRIPTIONS.TrainingInstitution.id })
  id!: string;

  @Directive('@external')
  @Field(() => Boolean, { description: ENTITY_DESCRIPTIONS.TrainingInstitution.servesAllZoneProjects })
  servesAllZoneProjects!: boolean;
}
