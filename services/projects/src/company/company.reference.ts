import { ENTITY_DESCRIPTIONS } from '@azg/core/federation';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The companies subgraph's Company, as this subgraph knows it: its key, and the projects it contributes. */
@Directive('@key(fields: "id")')
@ObjectType('Company', { description: ENTITY_DESCRIPTIONS.Company.type })
export class CompanyReference {
  @Field(() => ID, { description: ENTITY_DESCRIPTIONS.Company.id })
  id!: string;
}
