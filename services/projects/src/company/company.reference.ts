import { createEntityReference, type EntityReferenceShapes } from '@azg/core/federation';

/**
 * The companies subgraph's Company, as this subgraph knows it: its key, to which this subgraph
 * adds the projects the company carries out. Its representations resolve as they are
 * (core's `passThroughReference`, which `defineSubgraph` gives every stub).
 */
export const CompanyReference = createEntityReference('Company');
export type CompanyReference = EntityReferenceShapes['Company'];
