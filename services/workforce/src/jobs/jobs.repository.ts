import type { SqlRunner } from '@azg/core/database';
import { countSumSql } from '@azg/core/figures';
import type { Jobs, JobsSum } from './jobs.type';

/** The jobs reported for one group of projects, with the group's id. */
export interface ReportedGroupJobs extends Jobs {
  groupId: string;
}

/** A set of projects (a bucket of statistics, a group's named members) that jobs are summed over. */
export interface ProjectSet {
  /** The set's key: a bucket's key, or a group's id (then the group's reported jobs come along). */
  key: string;
  projectIds: readonly string[];
}

/** The jobs of one set: summed from its projects, and those reported for the set's key as a group (null when none are). */
export interface ProjectSetJobs {
  itemized: JobsSum;
  reported: Jobs | null;
}

/** The reads of jobs reported for groups and summed over sets of projects, over one request's database handle. */
export class JobsRepository {
  constructor(private readonly db: SqlRunner) {}

  /** Jobs reported for these groups of projects; a group the document gives no jobs for is absent. */
  findGroupJobs(groupIds: readonly string[]): Promise<ReportedGroupJobs[]> {
    return this.db.query<ReportedGroupJobs>(
      'SELECT group_id AS "groupId", planned, created FROM workforce.group_jobs WHERE group_id = ANY($1::text[])',
      [groupIds],
    );
  }

  /**
   * For each set, in order, its projects' own jobs summed (planned and created apart) and the jobs
   * reported for a group with the set's key: ONE statement for all the sets of a fetch.
   */
  async findProjectSetJobs(sets: readonly ProjectSet[]): Promise<ProjectSetJobs[]> {
    const rows = await this.db.query<{ position: string; planned: JobsSum['planned']; created: JobsSum['created']; reported: Jobs | null }>(
      `SELECT s.position,
              ${countSumSql('j.jobs_planned', `j.planned->>'qualifier'`, 'member.id')} AS planned,
              ${countSumSql('j.jobs_created', `j.created->>'qualifier'`, 'member.id')} AS created,
              (SELECT jsonb_build_object('planned', g.planned, 'created', g.created)
                 FROM workforce.group_jobs g WHERE g.group_id = s.entry->>'key') AS reported
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS s(entry, position)
         LEFT JOIN LATERAL (SELECT DISTINCT id FROM jsonb_array_elements_text(s.entry->'projectIds') AS ids(id)) AS member ON true
         LEFT JOIN workforce.project_jobs j ON j.project_id = member.id
        GROUP BY s.position, s.entry
        ORDER BY s.position`,
      [JSON.stringify(sets.map((set) => ({ key: set.key, projectIds: set.projectIds })))],
    );
    return rows.map((row) => ({ itemized: { planned: row.planned, created: row.created }, reported: row.reported }));
  }
}
