import type { ProjectStatsBucketReference } from './project-stats-bucket.type';

/** Buckets are the projects subgraph's: the representation (its key: key and projectIds) is all `landArea` needs, so no SQL here. */
export const projectStatsBucketReference = {
  __resolveReference(representation: ProjectStatsBucketReference): ProjectStatsBucketReference {
    return representation;
  },
};
