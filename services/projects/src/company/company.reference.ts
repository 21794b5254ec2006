import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The companies subgraph's Company, as this subgraph knows it: its key, and the projects it contributes. */
@Directive('@key(fields: "id")')
@ObjectType('Company', { description: 'A company investing in the zone (owned by the companies subgraph).' })
export class CompanyReference {
  @Field(() => ID, { description: 'The company\'s id.' })
  id!: string;
}
