import { createEntityReference, type EntityReferenceShapes } from '@azg/core/federation';

/**
 * The projects subgraph's Project, as land knows it: only its key. Land adds the plots that
 * serve a project; everything else about the project comes from the projects subgraph. Its
 * representations resolve as they are (core's `passThroughReference`, which `defineSubgraph` gives every stub).
 */
export const ProjectReference = createEntityReference('Project');
export type ProjectReference = EntityReferenceShapes['Project'];
