import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The projects subgraph's Project, as land knows it: only its key. Land adds the plots that
 * serve a project; everything else about the project comes from the projects subgraph.
 * Descriptions repeat the owner's words, so composition keeps them for the supergraph.
 */
@Directive('@key(fields: "id")')
@ObjectType('Project', { description: 'An investment project in the Almaty Industrial Zone: a plant, a facility or a planned venture of one company.' })
export class ProjectReference {
  @Field(() => ID, { description: 'A stable, readable id, e.g. "valtherm-radiator-plant".' })
  id!: string;
}
