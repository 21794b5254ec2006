import { passThroughReference } from '@azg/core/federation';

/**
 * Projects are the projects subgraph's to know: the representation is all a contributed field
 * needs, so this runs no SQL; each field loads its own data in one batch.
 */
export const projectReference = passThroughReference;
