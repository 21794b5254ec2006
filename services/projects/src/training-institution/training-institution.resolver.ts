import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ProjectsContext } from '../context';
import { Project } from '../project/project.type';
import { TrainingInstitutionReference } from './training-institution.reference';

@Resolver(() => TrainingInstitutionReference)
export class TrainingInstitutionProjectsResolver {
  @Directive('@requires(fields: "servesAllZoneProjects")')
  @FieldResolver(() => [Project], { nullable: true, description: 'The projects it trains specialists for: every project of the zone not removed from its portfolio, when it serves the whole zone. Null only when the projects subgraph cannot answer.' })
  async projects(@Root() institution: TrainingInstitutionReference, @Ctx() ctx: ProjectsContext): Promise<Project[]> {
    return institution.servesAllZoneProjects ? ctx.loaders.zoneProjects.load('zone') : [];
  }
}
