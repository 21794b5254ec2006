import { queryPage, resolveOrdering, SqlParameters, type Connection, type Ordering, type PageRequest, type SqlRunner } from '@azg/core';
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
  };
}

const GROUP_COLUMNS = `g.id, g.name, g.name_kk, g.description, g.count_unit, g.reported_count, g.reported_investment,
         g.sectors, g.due, g.members_known, g.sources`;
const GROUP_SELECT = `SELECT ${GROUP_COLUMNS} FROM projects.project_group g`;

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
    return queryPage<GroupRow, ProjectGroup>(this.db, { columns: GROUP_COLUMNS, from: 'projects.project_group g', where: null }, request, new SqlParameters(), {
      idColumn: 'id',
      toNode: mapGroup,
    });
  }
}
