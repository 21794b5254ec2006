import { ENTITY_DESCRIPTIONS } from '@azg/core/federation';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The projects subgraph's ProjectStatsBucket, as land knows it: its key and its projects, to sum their land over. */
// The projects are part of the key, so every representation carries them and no @requires is needed.
@Directive('@key(fields: "key projectIds")')
@ObjectType('ProjectStatsBucket', { description: ENTITY_DESCRIPTIONS.ProjectStatsBucket.type })
export class ProjectStatsBucketReference {
  @Field(() => String, { description: ENTITY_DESCRIPTIONS.ProjectStatsBucket.key })
  key!: string;

  @Field(() => [ID], { description: ENTITY_DESCRIPTIONS.ProjectStatsBucket.projectIds })
  projectIds!: string[];
}
