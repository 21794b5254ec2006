import { passThroughReference } from '@azg/core/federation';

/** Groups are the projects subgraph's to know: the representation is enough, so no SQL here. */
export const projectGroupReference = passThroughReference;
