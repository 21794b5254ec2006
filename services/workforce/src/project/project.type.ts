import { ENTITY_DESCRIPTIONS } from '@azg/core/federation';
import { createConnectionType } from '@azg/core/pagination';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The projects subgraph's Project, as far as this subgraph knows it: its key, to hang jobs and training on. */
@Directive('@key(fields: "id")')
@ObjectType('Project', { description: ENTITY_DESCRIPTIONS.Project.type })
export class ProjectReference {
  @Field(() => ID, { description: ENTITY_DESCRIPTIONS.Project.id })
  id!: string;
}

/** A page of `projectsByJobs`: projects (resolved by the projects subgraph) in the order of their jobs. */
export const ProjectJobsConnection = createConnectionType(ProjectReference, { name: 'ProjectJobs', plural: 'projects with reported jobs' });
