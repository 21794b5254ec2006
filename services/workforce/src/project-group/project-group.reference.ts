import type { ProjectGroupReference } from './project-group.type';

/** Groups are the projects subgraph's to know: the representation is enough, so no SQL here. */
export const projectGroupReference = {
  __resolveReference(representation: ProjectGroupReference): ProjectGroupReference {
    return representation;
  },
};
