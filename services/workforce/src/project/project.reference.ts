import { createEntityReference, type EntityReferenceShapes } from '@azg/core/federation';

/** The projects subgraph's Project, as far as this subgraph knows it: its key, to hang jobs and training on. */
export const ProjectReference = createEntityReference('Project');
export type ProjectReference = EntityReferenceShapes['Project'];
