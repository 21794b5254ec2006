import type { ProjectsContext } from '../context';
import type { Project } from './project.type';

/** Resolves `Project` representations from other subgraphs through the request's loader. */
export async function resolveProjectReference(reference: Pick<Project, 'id'>, ctx: ProjectsContext): Promise<Project | null> {
  return ctx.loaders.projectById.load(reference.id);
}
