import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Project } from '../project/project.type';
import { ProjectStatusChange } from './project-status.type';

@Resolver(() => Project)
export class ProjectStatusResolver {
  @FieldResolver(() => [ProjectStatusChange], { description: 'The status changes recorded by `changeProjectStatus`, oldest first; empty for a project whose status only the document gives.' })
  statusHistory(@Root() project: Project, @Ctx() ctx: Context): Promise<ProjectStatusChange[]> {
    return ctx.loaders.statusChangesByProjectId.load(project.id);
  }
}
