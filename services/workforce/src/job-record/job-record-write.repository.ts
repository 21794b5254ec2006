import { BadUserInputError } from '@azg/core/errors';
import type { CountFigure } from '@azg/core/figures';
import { countFromInput, provenanceOf, type WriteTransaction } from '@azg/core/writes';
import type { RecordJobsInput } from './job-record-write.input';
import { jobRecordJson } from './job-record.repository';
import type { JobRecord } from './job-record.type';

interface ProjectJobsRow {
  planned: CountFigure | null;
  created: CountFigure | null;
  version: number;
}

/** The writes of job records, over one write's transaction. */
export class JobRecordWriteRepository {
  constructor(private readonly tx: WriteTransaction) {}

  /**
   * Appends a job record, then moves the project's current figures (`project_jobs`, which every
   * read and sum uses) to the record's, each only when no record dated later states it: a late
   * entry of old figures is kept in the history without overwriting newer ones. Logged.
   */
  async record(input: RecordJobsInput): Promise<JobRecord> {
    const { tx } = this;
    if (input.planned == null && input.created == null) {
      throw new BadUserInputError('input.planned or input.created must be given: a record of no figures says nothing', 'input.planned');
    }
    const origin = provenanceOf(input.sources, tx.identity, tx.operation, await tx.now());
    const planned = input.planned == null ? null : countFromInput(input.planned, origin.sources);
    const created = input.created == null ? null : countFromInput(input.created, origin.sources);
    // The project's row is locked first, so two records of one project move its figures one at a time.
    const [before] = await tx.query<ProjectJobsRow>(
      'SELECT planned, created, version FROM workforce.project_jobs WHERE project_id = $1 FOR UPDATE', [input.projectId],
    );
    const [record] = await tx.query<{ record: JobRecord; planned_later: boolean; created_later: boolean }>(
      `WITH inserted AS (
         INSERT INTO workforce.job_record (project_id, recorded_on, planned, created, sources, entered_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING *
       )
       SELECT ${jobRecordJson('r')} AS record,
              EXISTS (SELECT 1 FROM workforce.job_record later WHERE later.project_id = $1 AND later.planned IS NOT NULL AND later.recorded_on > $2::date) AS planned_later,
              EXISTS (SELECT 1 FROM workforce.job_record later WHERE later.project_id = $1 AND later.created IS NOT NULL AND later.recorded_on > $2::date) AS created_later
         FROM inserted r`,
      [
        input.projectId, input.recordedOn, json(planned), json(created), JSON.stringify(origin.sources), json(origin.entry),
      ],
    );
    const moves = {
      planned: record!.planned_later ? null : planned,
      created: record!.created_later ? null : created,
    };
    let after: ProjectJobsRow | undefined = before;
    if (moves.planned !== null || moves.created !== null) {
      [after] = await tx.query<ProjectJobsRow>(
        `INSERT INTO workforce.project_jobs AS j (project_id, planned, created) VALUES ($1, $2, $3)
         ON CONFLICT (project_id) DO UPDATE SET
           planned = COALESCE(EXCLUDED.planned, j.planned), created = COALESCE(EXCLUDED.created, j.created), version = j.version + 1
         RETURNING planned, created, version`,
        [input.projectId, json(moves.planned), json(moves.created)],
      );
    }
    await tx.audit({
      recordType: 'ProjectJobs',
      recordId: input.projectId,
      before: before ?? null,
      after: { ...(after ?? { planned: null, created: null, version: null }), record: record!.record },
    });
    return record!.record;
  }
}

/** A figure (or an author entry) as a jsonb parameter; null stays SQL NULL, not JSON null. */
function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}
