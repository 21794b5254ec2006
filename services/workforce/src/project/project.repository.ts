import type { SqlRunner } from '@azg/core/database';
import { type Connection, type Ordering, type PageRequest, queryPage, resolveOrdering, SqlParameters } from '@azg/core/pagination';
import { jobRecordsByProjectJson, jobRecordsOfProjectJson } from '../job-record/job-record.repository';
import type { JobRecord } from '../job-record/job-record.type';
import type { Jobs } from '../jobs/jobs.type';
import { ZONE_TRAINING_INSTITUTIONS_JSON } from '../training-institution/training-institution.repository';
import type { TrainingInstitution } from '../training-institution/training-institution.type';
import { DEFAULT_PROJECT_JOBS_ORDER, type ProjectJobsOrder, type ProjectJobsOrderField } from './project.input';

/** What this subgraph knows of a batch of projects, fetched together. */
export interface ProjectsWorkforce {
  /** Jobs by project id, for the projects the document gives jobs for; others are absent. */
  jobsByProject: Record<string, Jobs>;
  /** The institutions that train for every project in the zone, by name. */
  trainingInstitutions: TrainingInstitution[];
  /** Job records by project id, oldest first, for the projects that have any; others are absent. */
  jobRecordsByProject: Record<string, JobRecord[]>;
}

/** A project of `projectsByJobs`, with all this subgraph knows of it, so its fields need no statement of their own. */
export interface ProjectWithWorkforce {
  id: string;
  workforce: { jobs: Jobs; trainingInstitutions: TrainingInstitution[]; jobRecords: JobRecord[] };
}

interface ProjectJobsRow {
  id: string;
  planned: Jobs['planned'];
  created: Jobs['created'];
  training_institutions: TrainingInstitution[];
  job_records: JobRecord[];
}

/** The jobs figures `projectsByJobs` is ordered on, each indexed in both directions (nulls last). */
const ORDER_COLUMNS = {
  PLANNED: { sql: 'j.jobs_planned', type: 'integer', nullable: true },
  CREATED: { sql: 'j.jobs_created', type: 'integer', nullable: true },
} as const satisfies Record<ProjectJobsOrderField, unknown>;
const ID_ORDER = { sql: 'j.project_id COLLATE "C"', type: 'text' } as const;

/** The total order of `projectsByJobs` for an `orderBy` argument (most planned jobs first when none is given). */
export function projectJobsOrdering(orderBy: readonly ProjectJobsOrder[] | null | undefined): Ordering {
  return resolveOrdering(orderBy, ORDER_COLUMNS, ID_ORDER, DEFAULT_PROJECT_JOBS_ORDER);
}

/** The reads of this subgraph's part of projects (jobs, training, job records), over one request's database handle. */
export class ProjectRepository {
  constructor(private readonly db: SqlRunner) {}

  /**
   * Everything the Project fields of this subgraph need, for all projects of a fetch, in ONE
   * statement: a fetch that asks for both `workforce` and `trainingInstitutions` still costs one.
   */
  async findWorkforce(projectIds: readonly string[]): Promise<ProjectsWorkforce> {
    const [row] = await this.db.query<ProjectsWorkforce>(
      `SELECT
         (SELECT COALESCE(jsonb_object_agg(project_id, jsonb_build_object('planned', planned, 'created', created)), '{}'::jsonb)
            FROM workforce.project_jobs
           WHERE project_id = ANY($1::text[])) AS "jobsByProject",
         ${ZONE_TRAINING_INSTITUTIONS_JSON} AS "trainingInstitutions",
         ${jobRecordsByProjectJson('$1::text[]')} AS "jobRecordsByProject"`,
      [projectIds],
    );
    return row ?? { jobsByProject: {}, trainingInstitutions: [], jobRecordsByProject: {} };
  }

  /**
   * A page of the projects the document reports jobs for, in one statement; each row brings the
   * institutions that train for every project (an uncorrelated subquery, evaluated once).
   */
  findPageByJobs(request: PageRequest): Promise<Connection<ProjectWithWorkforce>> {
    const parameters = new SqlParameters();
    const columns = `j.project_id AS id, j.planned, j.created,
      ${ZONE_TRAINING_INSTITUTIONS_JSON} AS training_institutions,
      ${jobRecordsOfProjectJson('j.project_id')} AS job_records`;
    return queryPage<ProjectJobsRow, ProjectWithWorkforce>(this.db, { columns, from: 'workforce.project_jobs j', where: null }, request, parameters, {
      idColumn: 'id',
      toNode: (row) => ({
        id: row.id,
        workforce: { jobs: { planned: row.planned, created: row.created }, trainingInstitutions: row.training_institutions, jobRecords: row.job_records },
      }),
    });
  }
}
