import type { Context } from '../context';
import type { Project } from './project.type';

/** Resolves `Project` representations from other subgraphs through the request's loader, all of a fetch in one statement. */
export const projectReference = {
  __resolveReference: (reference: Pick<Project, 'id'>, context: Context): Promise<Project | null> => context.loaders.projectById.load(reference.id),
};
