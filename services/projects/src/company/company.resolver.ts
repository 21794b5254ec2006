import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ProjectsContext } from '../context';
import { Project } from '../project/project.type';
import { CompanyReference } from './company.reference';

@Resolver(() => CompanyReference)
export class CompanyProjectsResolver {
  @FieldResolver(() => [Project], { nullable: true, description: 'The company\'s projects in the zone, by name. Null only when the projects subgraph cannot answer.' })
  projects(@Root() company: CompanyReference, @Ctx() ctx: ProjectsContext): Promise<Project[]> {
    return ctx.loaders.projectsByCompanyId.load(company.id);
  }
}
