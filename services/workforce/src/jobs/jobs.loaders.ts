import { createRowLoader } from '@azg/core/database';
import DataLoader from 'dataloader';
import type { JobsRepository, ProjectSet, ProjectSetJobs, ReportedGroupJobs } from './jobs.repository';

/** Jobs reported per group id (null where none are); one statement per batch. */
export function createGroupJobsLoader(jobs: JobsRepository): DataLoader<string, ReportedGroupJobs | null> {
  return createRowLoader((groupIds) => jobs.findGroupJobs(groupIds), (reported) => reported.groupId);
}

/**
 * Jobs of sets of projects (statistics buckets, groups' named members), in key order, one
 * statement per batch. A set is known by its key and its projects together: two buckets of
 * differently filtered statistics may share a key but not their projects.
 */
export function createProjectSetJobsLoader(jobs: JobsRepository): DataLoader<ProjectSet, ProjectSetJobs, string> {
  return new DataLoader<ProjectSet, ProjectSetJobs, string>(
    (sets) => jobs.findProjectSetJobs(sets),
    { cacheKeyFn: (set) => JSON.stringify([set.key, set.projectIds]) },
  );
}
