import type { WriteTransaction } from '@azg/core/writes';
import { mapStatusChange, type StatusChangeRow } from './project-status.repository';
import type { ProjectStatusChange } from './project-status.type';

/** The only place that writes project status changes with SQL, inside the mutation's transaction. */
export class ProjectStatusWriteRepository {
  constructor(private readonly tx: WriteTransaction) {}

  /** When the project's last recorded change happened; null when none is recorded. */
  async lastChangeAt(projectId: string): Promise<Date | null> {
    const [row] = await this.tx.query<{ at: Date | null }>(
      `SELECT max(happened_at) AS at FROM projects.project_status_change WHERE project_id = $1`, [projectId]);
    return row?.at ?? null;
  }

  async insert(change: Omit<ProjectStatusChange, 'recordedAt'>): Promise<ProjectStatusChange> {
    const [row] = await this.tx.query<StatusChangeRow>(
      `INSERT INTO projects.project_status_change (project_id, from_status, to_status, happened_at, reason, sources, entered_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING project_id, from_status, to_status, happened_at, reason, sources, entered_by, recorded_at`,
      [change.projectId, change.from, change.to, change.at, change.reason, JSON.stringify(change.sources), change.enteredBy === null ? null : JSON.stringify(change.enteredBy)],
    );
    return mapStatusChange(row!);
  }
}
