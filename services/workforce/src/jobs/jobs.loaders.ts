import { createRowLoader, type SqlRunner } from '@azg/core';
import type DataLoader from 'dataloader';
import { findGroupJobs, type ReportedGroupJobs } from './jobs.repository';

/** Jobs reported per group id (null where none are); one statement per batch. */
export function createGroupJobsLoader(db: SqlRunner): DataLoader<string, ReportedGroupJobs | null> {
  return createRowLoader((groupIds) => findGroupJobs(db, groupIds), (jobs) => jobs.groupId);
}
