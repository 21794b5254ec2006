import type { Source, SqlRunner, Translations } from '@azg/core';
import { mapGroup, type GroupRow } from '../project-group/project-group.repository';
import type { ProjectGroup } from '../project-group/project-group.type';
import type { Project, ProjectStatus } from './project.type';

/** A project with the groups it belongs to, as one statement returns it. */
export type ProjectRecord = Project & { memberships: EmbeddedMembership[] };

/** A membership as a project row carries it: the group's row and the membership's sources. */
export interface EmbeddedMembership {
  groupId: string;
  projectId: string;
  group: ProjectGroup;
  sources: Source[];
}

/**
 * Every project read selects these columns, with the project's group memberships (and the
 * groups' rows) aggregated in the same statement, so `Project.groups` costs no query of its own.
 */
export const PROJECT_COLUMNS = `
         p.id, p.name, p.name_kk, p.company_id, p.sectors, p.sector_sources, p.products, p.status,
         p.status_sources, p.progress, p.phase, p.phase_sources, p.investment, p.capacities,
         p.planned_launch, p.actual_launch, p.remarks, p.sources, p.names,
         COALESCE((
           SELECT jsonb_agg(jsonb_build_object('group_id', m.group_id, 'sources', m.sources, 'group', to_jsonb(g)) ORDER BY g.name, g.id)
             FROM projects.group_membership m
             JOIN projects.project_group g ON g.id = m.group_id
            WHERE m.project_id = p.id
         ), '[]'::jsonb) AS memberships`;
const PROJECT_SELECT = `SELECT ${PROJECT_COLUMNS} FROM projects.project p`;

export interface ProjectRow {
  id: string;
  name: string;
  name_kk: string | null;
  company_id: string;
  sectors: Project['sectors'];
  sector_sources: Project['sectorSources'];
  products: Project['products'];
  status: ProjectStatus;
  status_sources: Project['statusSources'];
  progress: string | null;
  phase: number | null;
  phase_sources: Project['phaseSources'];
  investment: Project['investment'];
  capacities: Project['capacities'];
  planned_launch: Project['plannedLaunch'];
  actual_launch: Project['actualLaunch'];
  remarks: Project['remarks'];
  sources: Project['sources'];
  names: Translations;
  memberships: Array<{ group_id: string; sources: Project['sources']; group: GroupRow }>;
}

export function mapProject(row: ProjectRow): ProjectRecord {
  return {
    id: row.id,
    name: row.name,
    nameKk: row.name_kk,
    companyId: row.company_id,
    sectors: row.sectors,
    sectorSources: row.sector_sources,
    products: row.products,
    status: row.status,
    statusSources: row.status_sources,
    progress: row.progress,
    phase: row.phase,
    phaseSources: row.phase_sources,
    investment: row.investment,
    capacities: row.capacities,
    plannedLaunch: row.planned_launch,
    actualLaunch: row.actual_launch,
    remarks: row.remarks,
    sources: row.sources,
    names: row.names,
    memberships: row.memberships.map((membership) => ({
      groupId: membership.group_id,
      projectId: row.id,
      sources: membership.sources,
      group: mapGroup(membership.group),
    })),
  };
}

/** A member of a group: the project, the group and the words that make it a member. */
export interface GroupMemberRecord {
  project: ProjectRecord;
  groupId: string;
  sources: Source[];
}

export interface ProjectFilter {
  status?: ProjectStatus | null;
  companyId?: string | null;
  groupId?: string | null;
}

/** The only place that reads projects with SQL. */
export class ProjectRepository {
  constructor(private readonly db: SqlRunner) {}

  async findByIds(ids: readonly string[]): Promise<ProjectRecord[]> {
    const rows = await this.db.query<ProjectRow>(`${PROJECT_SELECT} WHERE p.id = ANY($1)`, [ids]);
    return rows.map(mapProject);
  }

  async findByCompanyIds(companyIds: readonly string[]): Promise<ProjectRecord[]> {
    const rows = await this.db.query<ProjectRow>(`${PROJECT_SELECT} WHERE p.company_id = ANY($1) ORDER BY lower(p.name), p.id`, [companyIds]);
    return rows.map(mapProject);
  }

  /** Members of each group, tagged with the group they were loaded for and the membership's sources. */
  async findByGroupIds(groupIds: readonly string[]): Promise<GroupMemberRecord[]> {
    const rows = await this.db.query<ProjectRow & { member_of: string; membership_sources: Source[] }>(
      `SELECT gm.group_id AS member_of, gm.sources AS membership_sources, ${PROJECT_COLUMNS}
         FROM projects.project p
         JOIN projects.group_membership gm ON gm.project_id = p.id
        WHERE gm.group_id = ANY($1)
        ORDER BY lower(p.name), p.id`,
      [groupIds],
    );
    return rows.map((row) => ({ project: mapProject(row), groupId: row.member_of, sources: row.membership_sources }));
  }

  async list(filter: ProjectFilter): Promise<ProjectRecord[]> {
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    if (filter.status) {
      parameters.push(filter.status);
      conditions.push(`p.status = $${parameters.length}`);
    }
    if (filter.companyId) {
      parameters.push(filter.companyId);
      conditions.push(`p.company_id = $${parameters.length}`);
    }
    if (filter.groupId) {
      parameters.push(filter.groupId);
      conditions.push(`EXISTS (SELECT 1 FROM projects.group_membership m WHERE m.project_id = p.id AND m.group_id = $${parameters.length})`);
    }
    const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
    const rows = await this.db.query<ProjectRow>(`${PROJECT_SELECT}${where} ORDER BY lower(p.name), p.id`, parameters);
    return rows.map(mapProject);
  }

  /** Every project of the zone that has not been removed from its portfolio. */
  async listInZone(): Promise<ProjectRecord[]> {
    const rows = await this.db.query<ProjectRow>(`${PROJECT_SELECT} WHERE p.status <> 'REMOVED' ORDER BY lower(p.name), p.id`);
    return rows.map(mapProject);
  }
}
