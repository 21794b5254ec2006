import type { SqlRunner } from '@azg/core/database';
import { type MoneySum, moneySumSql } from '@azg/core/figures';
import type { Translations } from '@azg/core/i18n';
import { type Connection, type Ordering, type PageRequest, queryPage, resolveOrdering, SqlParameters } from '@azg/core/pagination';
import type { GroupCountUnit, MembershipKnown, ProjectGroup } from './project-group.type';

/** A group's row, as Postgres returns it (also the shape of `to_jsonb(group)`). */
export interface GroupRow {
  id: string;
  name: string;
  name_kk: string | null;
  description: string;
  count_unit: GroupCountUnit;
  reported_count: ProjectGroup['reportedCount'];
  reported_investment: ProjectGroup['reportedInvestment'];
  sectors: ProjectGroup['sectors'];
  due: ProjectGroup['due'];
  members_known: MembershipKnown;
  sources: ProjectGroup['sources'];
  entered_by: ProjectGroup['enteredBy'];
  version: number;
  names?: Translations;
  descriptions?: Translations;
  /** Read by GROUP_SELECT only: absent from a group embedded in a project's memberships. */
  member_ids?: string[];
  itemized_investment?: MoneySum;
}

export function mapGroup(row: GroupRow): ProjectGroup {
  return {
    id: row.id,
    name: row.name,
    nameKk: row.name_kk,
    description: row.description,
    countUnit: row.count_unit,
    reportedCount: row.reported_count,
    reportedInvestment: row.reported_investment,
    sectors: row.sectors,
    due: row.due,
    membersKnown: row.members_known,
    sources: row.sources,
    enteredBy: row.entered_by,
    version: row.version,
    names: row.names ?? {},
    descriptions: row.descriptions ?? {},
    memberIds: row.member_ids,
    itemizedInvestment: row.itemized_investment,
  };
}

/**
 * Every read of groups by id, as a list or a page brings, in the same statement, the member ids
 * and the members' investment summed (what the other subgraphs' itemized figures and the
 * differences need), so a fetch of groups with their figures stays one statement.
 */
const GROUP_COLUMNS = `g.id, g.name, g.name_kk, g.description, g.count_unit, g.reported_count, g.reported_investment,
         g.sectors, g.due, g.members_known, g.sources, g.entered_by, g.version, g.names, g.descriptions,
         members.member_ids, members.itemized_investment`;
const GROUP_FROM = `projects.project_group g
    CROSS JOIN LATERAL (
      SELECT COALESCE(array_agg(p.id ORDER BY p.id), '{}') AS member_ids,
             ${moneySumSql('p.investment_tenge', `p.investment->>'qualifier'`)} AS itemized_investment
        FROM projects.group_membership m
        JOIN projects.project p ON p.id = m.project_id
       WHERE m.group_id = g.id
    ) AS members`;
const GROUP_SELECT = `SELECT ${GROUP_COLUMNS} FROM ${GROUP_FROM}`;

/** Groups are listed by name (the Unicode root collation, as projects are), ties by id; indexed. */
export const PROJECT_GROUP_ORDERING: Ordering = resolveOrdering(
  [{ field: 'NAME' }],
  { NAME: { sql: 'g.name COLLATE "und-x-icu"', type: 'text', nullable: false } },
  { sql: 'g.id COLLATE "C"', type: 'text' },
  [],
);

/** The only place that reads project groups with SQL. */
export class ProjectGroupRepository {
  constructor(private readonly db: SqlRunner) {}

  async findByIds(ids: readonly string[]): Promise<ProjectGroup[]> {
    return (await this.db.query<GroupRow>(`${GROUP_SELECT} WHERE g.id = ANY($1)`, [ids])).map(mapGroup);
  }

  /** A page of the groups, by name, in one statement. */
  async page(request: PageRequest): Promise<Connection<ProjectGroup>> {
    // Counted over the groups alone: the members' aggregate adds columns, never rows, and costs a join per group.
    const source = { columns: GROUP_COLUMNS, from: GROUP_FROM, countFrom: 'projects.project_group g', where: null };
    return queryPage<GroupRow, ProjectGroup>(this.db, source, request, new SqlParameters(), {
      idColumn: 'id',
      toNode: mapGroup,
    });
  }
}
