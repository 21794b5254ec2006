import type { ProjectReference } from './project.type';

/**
 * Projects are the projects subgraph's to know: the representation is all a contributed field
 * needs, so this runs no SQL; each field loads its own data in one batch.
 */
export const projectReference = {
  __resolveReference(representation: ProjectReference): ProjectReference {
    return representation;
  },
};
