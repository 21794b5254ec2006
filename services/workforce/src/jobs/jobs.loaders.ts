import { createRowLoader, type SqlRunner } from '@azg/core/database';
import DataLoader from 'dataloader';
import { findProjectSetJobs, type ProjectSet, type ProjectSetJobs } from './jobs-sum.repository';
import { findGroupJobs, type ReportedGroupJobs } from './jobs.repository';

/** Jobs reported per group id (null where none are); one statement per batch. */
export function createGroupJobsLoader(db: SqlRunner): DataLoader<string, ReportedGroupJobs | null> {
  return createRowLoader((groupIds) => findGroupJobs(db, groupIds), (jobs) => jobs.groupId);
}

/**
 * Jobs of sets of projects (statistics buckets, groups' named members), in key order, one
 * statement per batch. A set is known by its key and its projects together: two buckets of
 * differently filtered statistics may share a key but not their projects.
 */
export function createProjectSetJobsLoader(db: SqlRunner): DataLoader<ProjectSet, ProjectSetJobs, string> {
  return new DataLoader<ProjectSet, ProjectSetJobs, string>(
    (sets) => findProjectSetJobs(db, sets),
    { cacheKeyFn: (set) => JSON.stringify([set.key, set.projectIds]) },
  );
}
