import type { Context } from '../context';
import type { ProjectGroup } from './project-group.type';

/** Resolves `ProjectGroup` representations from other subgraphs through the request's loader. */
export async function resolveProjectGroupReference(reference: Pick<ProjectGroup, 'id'>, ctx: Context): Promise<ProjectGroup | null> {
  return ctx.loaders.groupById.load(reference.id);
}
