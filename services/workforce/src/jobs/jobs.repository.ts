import type { SqlRunner } from '@azg/core/database';
import type { Jobs } from './jobs.type';

/** The jobs reported for one group of projects, with the group's id. */
export interface ReportedGroupJobs extends Jobs {
  groupId: string;
}

/** Jobs reported for these groups of projects; a group the document gives no jobs for is absent. */
export function findGroupJobs(db: SqlRunner, groupIds: readonly string[]): Promise<ReportedGroupJobs[]> {
  return db.query<ReportedGroupJobs>(
    'SELECT group_id AS "groupId", planned, created FROM workforce.group_jobs WHERE group_id = ANY($1::text[])',
    [groupIds],
  );
}
