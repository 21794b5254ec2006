import { assertRecordId, type SqlRunner } from '@azg/core/database';
import type { Source } from '@azg/core/figures';
import { queryRankedSearch, type SearchQuery, type Translations } from '@azg/core/i18n';
import { companyConditions, compileFilter, type Connection, inList, type NumericRange, type Ordering, type PageRequest, type PageSource, queryPage, queryPages, rangeCondition, resolveOrdering, SqlParameters } from '@azg/core/pagination';
import type { AuthorEntry } from '@azg/core/writes';
import { mapGroup, type GroupRow } from '../project-group/project-group.repository';
import { DEFAULT_PROJECT_ORDER, type ProjectFilter, type ProjectOrder, type ProjectOrderField } from './project.input';
import type { ProjectSearchKey } from './project-language';
import type { GroupMemberRecord, ProjectRecord, ProjectSearchRecord } from './project.record';
import type { Project, ProjectStatus } from './project.type';

/** The project's group memberships (and the groups' rows), aggregated in the project's own statement. */
const MEMBERSHIPS = `COALESCE((
           SELECT jsonb_agg(jsonb_build_object('group_id', m.group_id, 'sources', m.sources, 'entered_by', m.entered_by, 'group', to_jsonb(g)) ORDER BY g.name, g.id)
             FROM projects.group_membership m
             JOIN projects.project_group g ON g.id = m.group_id
            WHERE m.project_id = p.id
         ), '[]'::jsonb) AS memberships`;

/**
 * The columns each field of Project reads from a project's row (besides `p.id`, always read), in
 * the order every column is read (see PROJECT_COLUMNS).
 */
const FIELD_COLUMNS: Record<string, readonly string[]> = {
  __typename: [], id: [], statusHistory: [],
  name: ['p.name'], nameKk: ['p.name_kk'], company: ['p.company_id'],
  sectors: ['p.sectors'], sectorSources: ['p.sector_sources'], products: ['p.products'], status: ['p.status'], statusSources: ['p.status_sources'],
  progress: ['p.progress'], phase: ['p.phase'], phaseSources: ['p.phase_sources'], investment: ['p.investment'], capacities: ['p.capacities'],
  plannedLaunch: ['p.planned_launch'], actualLaunch: ['p.actual_launch'], remarks: ['p.remarks'], sources: ['p.sources'],
  nameIn: ['p.name', 'p.name_kk', 'p.names'], enteredBy: ['p.entered_by'], version: ['p.version'], groups: [MEMBERSHIPS], groupMemberships: [MEMBERSHIPS],
};

/** The columns of `fields`, each once, `p.id` first. */
function columnsOf(fields: Iterable<string>): string {
  return [...new Set(['p.id', ...[...fields].flatMap((field) => FIELD_COLUMNS[field]!)])].join(', ');
}

/**
 * Every project read selects every field's columns by default, its memberships among them, so
 * `Project.groups` costs no query of its own.
 */
const PROJECT_COLUMNS = columnsOf(Object.keys(FIELD_COLUMNS));

/**
 * The columns a page reads for the fields its query selects on each project (see
 * `selectedNodeFields`); every column for a field this list does not know, or when none is said.
 * A page of names and statuses (the gateway's plan for a page of projects with their companies,
 * plots and jobs) no longer reads every project's sources, translations and groups, some 6 KB a
 * project. Records read this way hold the selected fields alone, so they are never primed into a
 * loader that another field could read them from.
 */
export function projectColumns(fields: ReadonlySet<string> | null | undefined): string {
  if (!fields || [...fields].some((field) => !Object.hasOwn(FIELD_COLUMNS, field))) return PROJECT_COLUMNS;
  return columnsOf(fields);
}
const PROJECT_SELECT = `SELECT ${PROJECT_COLUMNS} FROM projects.project p`;

/** A project's row as PROJECT_COLUMNS selects it. */
interface ProjectRow {
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
  entered_by: AuthorEntry[];
  version: number;
  /** Absent from a page read for fields that do not need them. */
  memberships?: Array<{ group_id: string; sources: Project['sources']; entered_by: AuthorEntry[]; group: GroupRow }>;
}

/** A project's row as every read answers it, with its memberships' groups mapped too. */
function mapProject(row: ProjectRow): ProjectRecord {
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
    enteredBy: row.entered_by,
    version: row.version,
    // Absent from a page read for fields that do not need them (see projectColumns).
    memberships: (row.memberships ?? []).map((membership) => ({
      groupId: membership.group_id,
      projectId: row.id,
      sources: membership.sources,
      enteredBy: membership.entered_by,
      group: mapGroup(membership.group),
    })),
  };
}

/** The columns a list of projects is ordered on, each indexed in both directions (nulls last). */
const ORDER_COLUMNS = {
  NAME: { sql: 'p.name COLLATE "und-x-icu"', type: 'text', nullable: false },
  INVESTMENT: { sql: 'p.investment_tenge', type: 'numeric', nullable: true },
  PLANNED_LAUNCH: { sql: 'p.planned_launch_start', type: 'integer', nullable: true },
  ACTUAL_LAUNCH: { sql: 'p.actual_launch_start', type: 'integer', nullable: true },
  STATUS: { sql: 'p.status_rank', type: 'integer', nullable: false },
  // Other subgraphs' facts, from the read model that PROJECT_FROM joins.
  COMPANY_NAME: { sql: 'foreign_company.name COLLATE "und-x-icu"', type: 'text', nullable: true },
  LAND_AREA: { sql: 'foreign_land.total_hectares', type: 'numeric', nullable: true },
  PLANNED_JOBS: { sql: 'foreign_jobs.planned', type: 'integer', nullable: true },
} as const satisfies Record<ProjectOrderField, unknown>;

/**
 * Every list of projects reads from the project and the read model of the facts it can be
 * ordered by. Each join is on a unique key and adds no row, so Postgres removes it from every
 * statement that uses none of its columns: a list in name order costs what it did before.
 */
const PROJECT_FROM = `projects.project p
  LEFT JOIN projects.foreign_company foreign_company ON foreign_company.id = p.company_id
  LEFT JOIN projects.foreign_project_land foreign_land ON foreign_land.project_id = p.id
  LEFT JOIN projects.foreign_project_jobs foreign_jobs ON foreign_jobs.project_id = p.id`;
/** The tie-break: ids compared byte by byte, the same on every server. */
const ID_ORDER = { sql: 'p.id COLLATE "C"', type: 'text' } as const;

/** The total order of a list of projects for an `orderBy` argument (by name when none is given). */
export function projectOrdering(orderBy: readonly ProjectOrder[] | null | undefined): Ordering {
  return resolveOrdering(orderBy, ORDER_COLUMNS, ID_ORDER, DEFAULT_PROJECT_ORDER);
}

const ids = (values: readonly string[] | null | undefined, path: string) =>
  inList(values, path)?.map((id) => assertRecordId(id, path)) ?? null;

/**
 * A range over a read-model table keyed by project. Known and in range: some row of the project's
 * is (a semi-join). Unknown included: no row of the project's is out of range (an anti-join over
 * the few rows out of range), so a project with no row, or with a null value, is in. Each is one
 * hash join over a whole list rather than a lookup per project (135 ms against 251 ms to count
 * 60,000 projects at 10,000x). Self-contained (a subquery, not the list's joins), as
 * `projectStats` filters with it too; never NULL.
 */
function readModelRange(
  table: string,
  column: string,
  range: (NumericRange<string | number> & { includeUnknown: boolean }) | null | undefined,
  cast: 'numeric' | 'integer',
  parameters: SqlParameters,
  path: string,
): string | null {
  if (!range) return null;
  const inRange = rangeCondition(`held.${column}`, range, cast, parameters, path, range.includeUnknown);
  const rows = `SELECT 1 FROM projects.${table} held WHERE held.project_id = p.id`;
  return range.includeUnknown ? `NOT EXISTS (${rows} AND NOT ${inRange})` : `EXISTS (${rows} AND ${inRange})`;
}

/** The read model's conditions of one ProjectFilter object: its company, land and jobs. */
function foreignConditions(filter: ProjectFilter, parameters: SqlParameters, path: string): string[] {
  const terms: Array<string | null> = [];
  if (filter.company) {
    const company = compileFilter(filter.company, companyConditions('held'), parameters, `${path}.company`);
    terms.push(`EXISTS (SELECT 1 FROM projects.foreign_company held WHERE held.id = p.company_id${company ? ` AND ${company}` : ''})`);
  }
  const { land, workforce } = filter;
  terms.push(
    readModelRange('foreign_project_land', 'total_hectares', land?.totalArea, 'numeric', parameters, `${path}.land.totalArea`),
    readModelRange('foreign_project_land', 'plot_count', land?.plotCount, 'integer', parameters, `${path}.land.plotCount`),
    readModelRange('foreign_project_jobs', 'planned', workforce?.plannedJobs, 'integer', parameters, `${path}.workforce.plannedJobs`),
    readModelRange('foreign_project_jobs', 'created', workforce?.createdJobs, 'integer', parameters, `${path}.workforce.createdJobs`),
  );
  return terms.filter((term): term is string => term !== null);
}

/** One ProjectFilter object's own fields as SQL predicates (never NULL, so `not` is exact). */
function projectConditions(filter: ProjectFilter, parameters: SqlParameters, path: string): string[] {
  const terms: string[] = [];
  const projectIds = ids(filter.id?.in, `${path}.id.in`);
  if (projectIds) terms.push(`p.id = ANY(${parameters.add(projectIds)}::text[])`);
  const statuses = inList(filter.status?.in, `${path}.status.in`);
  // One status as an equality: the planner reads `status = $1` in name order from the (status, name)
  // index, but not `status = ANY($1)`, even of one element.
  if (statuses?.length === 1) terms.push(`p.status = ${parameters.add(statuses[0])}::text`);
  else if (statuses) terms.push(`p.status = ANY(${parameters.add(statuses)}::text[])`);
  const sectors = inList(filter.sector?.in, `${path}.sector.in`);
  // Overlap, which the GIN index on sectors answers.
  if (sectors) terms.push(`p.sectors && ${parameters.add(sectors)}::text[]`);
  const companies = ids(filter.companyId?.in, `${path}.companyId.in`);
  if (companies) terms.push(`p.company_id = ANY(${parameters.add(companies)}::text[])`);
  const groups = ids(filter.groupId?.in, `${path}.groupId.in`);
  if (groups) {
    terms.push(`EXISTS (SELECT 1 FROM projects.group_membership filter_membership
      WHERE filter_membership.project_id = p.id AND filter_membership.group_id = ANY(${parameters.add(groups)}::text[]))`);
  }
  for (const [field, column] of [['plannedLaunchYear', 'p.planned_launch_year'], ['actualLaunchYear', 'p.actual_launch_year']] as const) {
    const range = filter[field];
    if (range) terms.push(rangeCondition(column, { min: range.from, max: range.to }, 'integer', parameters, `${path}.${field}`, range.includeUnknown));
  }
  if (filter.investment) {
    const { min, max, includeUnknown } = filter.investment;
    terms.push(rangeCondition('p.investment_tenge', { min, max }, 'numeric', parameters, `${path}.investment`, includeUnknown));
  }
  terms.push(...foreignConditions(filter, parameters, path));
  return terms;
}

/** The filter as one SQL predicate (null for none), with `extra` conditions ANDed; `projectStats` filters with it too. */
export function projectWhere(filter: ProjectFilter | null, parameters: SqlParameters, ...extra: string[]): string | null {
  const conditions = [...extra, compileFilter(filter, projectConditions, parameters)].filter((term): term is string => term !== null);
  return conditions.length === 0 ? null : conditions.join(' AND ');
}

const PROJECT_NODES = { idColumn: 'id', toNode: mapProject } as const;

/** The only place that reads projects with SQL. */
export class ProjectRepository {
  constructor(private readonly db: SqlRunner) {}

  async findByIds(ids: readonly string[]): Promise<ProjectRecord[]> {
    const rows = await this.db.query<ProjectRow>(`${PROJECT_SELECT} WHERE p.id = ANY($1)`, [ids]);
    return rows.map(mapProject);
  }

  /** A page of every project of the database that passes the filter, in one statement, reading the columns `fields` need. */
  async page(request: PageRequest, filter: ProjectFilter | null, fields?: ReadonlySet<string> | null): Promise<Connection<ProjectRecord>> {
    const parameters = new SqlParameters();
    const source: PageSource = { columns: projectColumns(fields), from: PROJECT_FROM, where: projectWhere(filter, parameters) };
    return queryPage<ProjectRow, ProjectRecord>(this.db, source, request, parameters, PROJECT_NODES);
  }

  /** A page of the zone's projects that have not been removed from its portfolio, in one statement. */
  async zonePage(request: PageRequest, filter: ProjectFilter | null): Promise<Connection<ProjectRecord>> {
    const parameters = new SqlParameters();
    const source: PageSource = { columns: PROJECT_COLUMNS, from: PROJECT_FROM, where: projectWhere(filter, parameters, `p.status <> 'REMOVED'`) };
    return queryPage<ProjectRow, ProjectRecord>(this.db, source, request, parameters, PROJECT_NODES);
  }

  /** A page of each company's projects, for every company given, in one statement. */
  async pagesByCompany(companyIds: readonly string[], request: PageRequest, filter: ProjectFilter | null): Promise<Map<string | null, Connection<ProjectRecord>>> {
    const parameters = new SqlParameters();
    const source: PageSource = { columns: PROJECT_COLUMNS, from: PROJECT_FROM, where: projectWhere(filter, parameters), partitionBy: 'p.company_id' };
    return queryPages<ProjectRow, ProjectRecord>(this.db, source, request, parameters, PROJECT_NODES, companyIds);
  }

  /** A page of each group's members, each with the membership's sources, for every group given, in one statement. */
  async pagesByGroup(groupIds: readonly string[], request: PageRequest, filter: ProjectFilter | null): Promise<Map<string | null, Connection<GroupMemberRecord>>> {
    const parameters = new SqlParameters();
    const source: PageSource = {
      columns: `gm.group_id AS member_of, gm.sources AS membership_sources, gm.entered_by AS membership_entered_by, ${PROJECT_COLUMNS}`,
      from: `${PROJECT_FROM} JOIN projects.group_membership gm ON gm.project_id = p.id`,
      where: projectWhere(filter, parameters),
      partitionBy: 'gm.group_id',
    };
    return queryPages<ProjectRow & { member_of: string; membership_sources: Source[]; membership_entered_by: AuthorEntry[] }, GroupMemberRecord>(this.db, source, request, parameters, {
      idColumn: 'id',
      toNode: (row) => ({ project: mapProject(row), groupId: row.member_of, sources: row.membership_sources, enteredBy: row.membership_entered_by }),
    }, groupIds);
  }

  /**
   * The projects one of whose names the search text meets, best first (by score, then by name),
   * at most `first`; one statement, answered from the trigram index on search_document.
   */
  async search(query: SearchQuery, first: number): Promise<ProjectSearchRecord[]> {
    const rows = await queryRankedSearch<ProjectRow, ProjectSearchKey>(
      this.db,
      { table: 'projects.project', alias: 'p', columns: PROJECT_COLUMNS, tieBreak: 'lower(p.name), p.id' },
      query,
      first,
    );
    return rows.map((row) => ({
      project: mapProject(row),
      matchedText: row.hit_key.text,
      matchedLanguage: row.hit_key.language,
      match: row.hit_match,
      score: row.hit_score,
    }));
  }
}
