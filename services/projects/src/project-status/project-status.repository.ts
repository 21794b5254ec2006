import type { SqlRunner } from '@azg/core/database';
import type { Source } from '@azg/core/figures';
import type { AuthorEntry } from '@azg/core/writes';
import type { ProjectStatus } from '../project/project.type';
import type { ProjectStatusChange } from './project-status-change.type';

interface StatusChangeRow {
  project_id: string;
  from_status: ProjectStatus;
  to_status: ProjectStatus;
  happened_at: Date;
  reason: string | null;
  sources: Source[];
  entered_by: AuthorEntry | null;
  recorded_at: Date;
}

function mapStatusChange(row: StatusChangeRow): ProjectStatusChange {
  return {
    projectId: row.project_id,
    from: row.from_status,
    to: row.to_status,
    at: row.happened_at.toISOString(),
    reason: row.reason,
    sources: row.sources,
    enteredBy: row.entered_by,
    recordedAt: row.recorded_at.toISOString(),
  };
}

/** The only place that reads and writes project status changes with SQL. */
export class ProjectStatusRepository {
  constructor(private readonly db: SqlRunner) {}

  /** Every recorded change of each project given, oldest first, in one statement. */
  async findByProjectIds(projectIds: readonly string[]): Promise<ProjectStatusChange[]> {
    const rows = await this.db.query<StatusChangeRow>(
      `SELECT project_id, from_status, to_status, happened_at, reason, sources, entered_by, recorded_at
         FROM projects.project_status_change WHERE project_id = ANY($1) ORDER BY project_id, happened_at, id`,
      [projectIds],
    );
    return rows.map(mapStatusChange);
  }

  /** When the project's last recorded change happened; null when none is recorded. */
  async lastChangeAt(projectId: string): Promise<Date | null> {
    const [row] = await this.db.query<{ at: Date | null }>(
      `SELECT max(happened_at) AS at FROM projects.project_status_change WHERE project_id = $1`, [projectId]);
    return row?.at ?? null;
  }

  async insert(change: Omit<ProjectStatusChange, 'recordedAt'>): Promise<ProjectStatusChange> {
    const [row] = await this.db.query<StatusChangeRow>(
      `INSERT INTO projects.project_status_change (project_id, from_status, to_status, happened_at, reason, sources, entered_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING project_id, from_status, to_status, happened_at, reason, sources, entered_by, recorded_at`,
      [change.projectId, change.from, change.to, change.at, change.reason, JSON.stringify(change.sources), change.enteredBy === null ? null : JSON.stringify(change.enteredBy)],
    );
    return mapStatusChange(row!);
  }
}
