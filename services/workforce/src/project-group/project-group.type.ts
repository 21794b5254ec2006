import { ENTITY_DESCRIPTIONS } from '@azg/core/federation';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The projects subgraph's ProjectGroup, as far as this subgraph knows it: its key, to hang jobs on. */
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
