import { createEntityReference, type EntityReferenceShapes } from '@azg/core/federation';

/**
 * The projects subgraph's ProjectGroup, as land knows it: its key, and its members (sent along
 * when a field here requires them). Land adds the land figures and industrial parks the source
 * reports for the group. Its representations resolve as they are (core's `passThroughReference`, which `defineSubgraph` gives every stub).
 */
export const ProjectGroupReference = createEntityReference('ProjectGroup');
export type ProjectGroupReference = EntityReferenceShapes['ProjectGroup'];
