import { createEntityReference, type EntityReferenceShapes } from '@azg/core/federation';

/** The projects subgraph's ProjectStatsBucket, as this subgraph knows it: its key and its projects, to sum their jobs over. */
export const ProjectStatsBucketReference = createEntityReference('ProjectStatsBucket');
export type ProjectStatsBucketReference = EntityReferenceShapes['ProjectStatsBucket'];
