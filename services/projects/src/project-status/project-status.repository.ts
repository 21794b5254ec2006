import type { SqlRunner } from '@azg/core/database';
import type { Source } from '@azg/core/figures';
import type { AuthorEntry } from '@azg/core/writes';
import type { ProjectStatus } from '../project/project.type';
import type { ProjectStatusChange } from './project-status.type';

/** A recorded change's row, as Postgres returns it. */
export interface StatusChangeRow {
  project_id: string;
  from_status: ProjectStatus;
  to_status: ProjectStatus;
  happened_at: Date;
  reason: string | null;
  sources: Source[];
  entered_by: AuthorEntry | null;
  recorded_at: Date;
}

/** A change's row as the graph answers it. */
export function mapStatusChange(row: StatusChangeRow): ProjectStatusChange {
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

/** The only place that reads project status changes with SQL (they are written by ProjectStatusWriteRepository). */
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
}
