import { ENTITY_DESCRIPTIONS } from '@azg/core/federation';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The projects subgraph's ProjectGroup, as land knows it: only its key. Land adds the land
 * figures and industrial parks the source reports for the group.
 */
@Directive('@key(fields: "id")')
@ObjectType('ProjectGroup', { description: ENTITY_DESCRIPTIONS.ProjectGroup.type })
export class ProjectGroupReference {
  @Field(() => ID, { description: ENTITY_DESCRIPTIONS.ProjectGroup.id })
  id!: string;

  /** Owned by the projects subgraph; sent along in a representation when a field here requires it. */
  @Directive('@external')
  @Field(() => [ID], { description: ENTITY_DESCRIPTIONS.ProjectGroup.memberIds })
  memberIds?: string[];
}
