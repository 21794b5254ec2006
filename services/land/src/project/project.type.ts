import { ENTITY_DESCRIPTIONS } from '@azg/core/federation';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The projects subgraph's Project, as land knows it: only its key. Land adds the plots that
 * serve a project; everything else about the project comes from the projects subgraph.
 */
@Directive('@key(fields: "id")')
@ObjectType('Project', { description: ENTITY_DESCRIPTIONS.Project.type })
export class ProjectReference {
  @Field(() => ID, { description: ENTITY_DESCRIPTIONS.Project.id })
  id!: string;
}
