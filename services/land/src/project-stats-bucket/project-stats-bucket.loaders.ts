import type { AreaSum } from '@azg/core/figures';
import DataLoader from 'dataloader';
import type { ProjectSet } from './project-stats-bucket.record';
import type { ProjectStatsBucketLandRepository } from './project-stats-bucket.repository';

/** Per-request loaders of what land adds to statistics buckets, over the request's repository. */
export function createProjectStatsBucketLoaders(buckets: ProjectStatsBucketLandRepository) {
  return {
    /**
     * The land of each bucket's projects, one statement per batch. A bucket is known by its key
     * and its projects together: differently filtered statistics may share a key, not projects.
     */
    projectSetArea: new DataLoader<ProjectSet, AreaSum, string>(
      (sets) => buckets.findAreas(sets),
      { cacheKeyFn: (set) => JSON.stringify([set.key, set.projectIds]) },
    ),
  };
}

export type ProjectStatsBucketLoaders = ReturnType<typeof createProjectStatsBucketLoaders>;
