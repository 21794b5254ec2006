import type { SqlRunner } from '@azg/core/database';
import { type MoneySum, moneySumSql, Sector } from '@azg/core/figures';
import { SqlParameters } from '@azg/core/pagination';
import { mapGroup, type GroupRow } from '../project-group/project-group.repository';
import type { ProjectGroup } from '../project-group/project-group.type';
import type { ProjectFilter } from '../project/project.input';
import { projectWhere } from '../project/project.repository';
import { ProjectStatus } from '../project/project.type';
import { ProjectStatsGrouping } from './project-stats-bucket.type';

/** One bucket as the statement returns it. */
export interface ProjectStatsRecord {
  /** The bucket's value as text (a status, a sector, a year, a group id); null for the bucket of projects with none. */
  bucket: string | null;
  count: number;
  investment: MoneySum;
  /** The bucket's projects, by id; null when the request did not ask for them (the summary holds none). */
  projectIds: string[] | null;
  /** The bucket's group, when grouped by GROUP. */
  group: ProjectGroup | null;
}

/** The year a project launched, else the year it is planned to launch. */
const LAUNCH_YEAR = 'COALESCE(p.actual_launch_year, p.planned_launch_year)';

/** The groupings projects.project_stats_summary keeps (a group's buckets follow its memberships, which it does not watch). */
const SUMMARIZED: ReadonlySet<ProjectStatsGrouping> = new Set([ProjectStatsGrouping.STATUS, ProjectStatsGrouping.SECTOR, ProjectStatsGrouping.LAUNCH_YEAR]);

/**
 * The qualifier of a summary row's investment sum, from its counts of approximate and lower-bound
 * terms: the same answer as `sumQualifierSql` over the bucket's projects.
 */
const SUMMARY_QUALIFIER = `CASE WHEN b.investment_approximate > 0 THEN 'APPROXIMATE'
                                WHEN b.investment_at_least > 0 THEN 'AT_LEAST'
                                ELSE 'EXACT' END`;

/** The SQL of projectStats: every bucket of one grouping, in one statement. */
export class ProjectStatsBucketRepository {
  constructor(private readonly db: SqlRunner) {}

  /**
   * The buckets of `groupBy` over the projects `filter` selects. Unfiltered, and when the ids of
   * the buckets' projects are not wanted, a status, sector or launch-year grouping is read from
   * the summary the triggers on projects.project keep (see the ProjectStatsSummary migration): a
   * handful of rows at any scale. Otherwise one statement aggregates the selected projects,
   * collecting their ids only when `options.projectIds` asks (a record's ids are null otherwise).
   */
  async stats(groupBy: ProjectStatsGrouping, filter: ProjectFilter | null, options: { projectIds: boolean }): Promise<ProjectStatsRecord[]> {
    const parameters = new SqlParameters();
    const condition = projectWhere(filter, parameters);
    const where = condition === null ? '' : `WHERE ${condition}`;

    // How each grouping puts a selected project `s` in its buckets, and orders the buckets; built
    // for the one grouping asked, so only its parameters are numbered.
    const groupings: Record<ProjectStatsGrouping, () => { join: string; bucket: string; order: string }> = {
      [ProjectStatsGrouping.STATUS]: () => ({
        join: '',
        bucket: 's.status',
        order: `array_position(${parameters.add(Object.values(ProjectStatus))}::text[], b.bucket)`,
      }),
      [ProjectStatsGrouping.SECTOR]: () => ({
        join: `CROSS JOIN LATERAL unnest(CASE WHEN cardinality(s.sectors) = 0 THEN ARRAY[NULL]::text[] ELSE s.sectors END) AS sector(value)`,
        bucket: 'sector.value',
        order: `array_position(${parameters.add(Object.values(Sector))}::text[], b.bucket) NULLS LAST`,
      }),
      [ProjectStatsGrouping.LAUNCH_YEAR]: () => ({
        join: '',
        bucket: 's.launch_year::text',
        order: 'b.bucket::int NULLS LAST',
      }),
      [ProjectStatsGrouping.GROUP]: () => ({
        join: 'LEFT JOIN projects.group_membership gm ON gm.project_id = s.id',
        bucket: 'gm.group_id',
        order: '(SELECT g.name FROM projects.project_group g WHERE g.id = b.bucket) NULLS LAST, b.bucket',
      }),
    };
    const grouping = groupings[groupBy]();
    if (condition === null && !options.projectIds && SUMMARIZED.has(groupBy)) {
      return this.summary(groupBy, grouping.order, parameters);
    }
    const groupRow = groupBy === ProjectStatsGrouping.GROUP
      ? '(SELECT to_jsonb(g) FROM projects.project_group g WHERE g.id = b.bucket)'
      : 'NULL::jsonb';

    const rows = await this.db.query<{ bucket: string | null; count: number; investment: MoneySum; project_ids: string[] | null; group_row: GroupRow | null }>(
      `WITH selected AS (
         SELECT p.id, p.status, p.sectors, p.investment_tenge, p.investment->>'qualifier' AS investment_qualifier, ${LAUNCH_YEAR} AS launch_year
           FROM projects.project p
           ${where}
       ), bucketed AS (
         SELECT ${grouping.bucket} AS bucket, s.id, s.investment_tenge, s.investment_qualifier
           FROM selected s
           ${grouping.join}
       )
       SELECT b.bucket, count(*)::int AS count,
              ${moneySumSql('b.investment_tenge', 'b.investment_qualifier')} AS investment,
              ${options.projectIds ? 'array_agg(b.id ORDER BY b.id)' : 'NULL::text[]'} AS project_ids,
              ${groupRow} AS group_row
         FROM bucketed b
        GROUP BY b.bucket
        ORDER BY ${grouping.order}`,
      parameters.values,
    );
    return rows.map((row) => ({
      bucket: row.bucket,
      count: row.count,
      investment: row.investment,
      projectIds: row.project_ids,
      group: row.group_row === null ? null : mapGroup(row.group_row),
    }));
  }

  /** The buckets of a summarized grouping as the summary holds them, in `order` (over `b.bucket`, whose parameters `parameters` holds). */
  private async summary(groupBy: ProjectStatsGrouping, order: string, parameters: SqlParameters): Promise<ProjectStatsRecord[]> {
    const rows = await this.db.query<{ bucket: string | null; count: number; investment: MoneySum }>(
      `SELECT b.bucket, b.count,
              jsonb_build_object('tenge', b.investment_tenge::text, 'qualifier', ${SUMMARY_QUALIFIER},
                'knownCount', b.investment_known, 'unknownCount', b.count - b.investment_known) AS investment
         FROM projects.project_stats_summary b
        WHERE b.grouping = ${parameters.add(groupBy)} AND b.count > 0
        ORDER BY ${order}`,
      parameters.values,
    );
    return rows.map((row) => ({ bucket: row.bucket, count: row.count, investment: row.investment, projectIds: null, group: null }));
  }
}
