import { createEntityReference, type EntityReferenceShapes } from '@azg/core/federation';

/**
 * The projects subgraph's ProjectStatsBucket, as land knows it: its key and its projects, to sum
 * their land over. The representation is all `landArea` needs, so it resolves as it is
 * (core's `passThroughReference`, which `defineSubgraph` gives every stub), with no SQL.
 */
export const ProjectStatsBucketReference = createEntityReference('ProjectStatsBucket');
export type ProjectStatsBucketReference = EntityReferenceShapes['ProjectStatsBucket'];
