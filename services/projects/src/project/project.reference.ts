import type { Context } from '../context';
import type { Project } from './project.type';

/** Resolves `Project` representations from other subgraphs through the request's loader. */
export async function resolveProjectReference(reference: Pick<Project, 'id'>, ctx: Context): Promise<Project | null> {
  return ctx.loaders.projectById.load(reference.id);
}
