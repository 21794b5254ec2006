import { createEntityReference, type EntityReferenceShapes } from '@azg/core/federation';

/** The projects subgraph's ProjectGroup, as far as this subgraph knows it: its key (and its members, when a field requires them), to hang jobs on. */
export const ProjectGroupReference = createEntityReference('ProjectGroup');
export type ProjectGroupReference = EntityReferenceShapes['ProjectGroup'];
