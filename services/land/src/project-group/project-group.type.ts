import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The projects subgraph's ProjectGroup, as land knows it: only its key. Land adds the land
 * figures and industrial parks the source reports for the group. Descriptions repeat the
 * owner's words, so composition keeps them for the supergraph.
 */
@Directive('@key(fields: "id")')
@ObjectType('ProjectGroup', {
  description: 'A set of projects that the document reports figures for together: its reported count and investment belong to the group and are never split among its members.',
})
export class ProjectGroupReference {
  @Field(() => ID, { description: 'A stable, readable id, e.g. "launch-by-end-of-2021".' })
  id!: string;
}
