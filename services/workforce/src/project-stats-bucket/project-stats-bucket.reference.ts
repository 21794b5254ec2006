import { passThroughReference } from '@azg/core/federation';

/** Buckets are the projects subgraph's: the representation (its key: key and projectIds) is all `jobs` needs, so no SQL here. */
export const projectStatsBucketReference = passThroughReference;
