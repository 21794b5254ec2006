import type { Context } from '../context';
import type { ProjectGroup } from './project-group.type';

/** Resolves `ProjectGroup` representations from other subgraphs through the request's loader, all of a fetch in one statement. */
export const projectGroupReference = {
  __resolveReference: (reference: Pick<ProjectGroup, 'id'>, context: Context): Promise<ProjectGroup | null> => context.loaders.groupById.load(reference.id),
};
