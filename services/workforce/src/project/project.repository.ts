import type { SqlRunner } from '@azg/core';
import type { Jobs } from '../jobs/jobs.type';
import { TRAINING_INSTITUTION_JSON } from '../training-institution/training-institution.repository';
import type { TrainingInstitution } from '../training-institution/training-institution.type';

/** What this subgraph knows of a batch of projects, fetched together. */
export interface ProjectsWorkforce {
  /** Jobs by project id, for the projects the document gives jobs for; others are absent. */
  jobsByProject: Record<string, Jobs>;
  /** The institutions that train for every project in the zone, by name. */
  trainingInstitutions: TrainingInstitution[];
}

/**
 * Everything the Project fields of this subgraph need, for all projects of a fetch, in ONE
 * statement: a fetch that asks for both `workforce` and `trainingInstitutions` still costs one.
 */
export async function findProjectsWorkforce(db: SqlRunner, projectIds: readonly string[]): Promise<ProjectsWorkforce> {
  const [row] = await db.query<ProjectsWorkforce>(
    `SELECT
       (SELECT COALESCE(jsonb_object_agg(project_id, jsonb_build_object('planned', planned, 'created', created)), '{}'::jsonb)
          FROM workforce.project_jobs
         WHERE project_id = ANY($1::text[])) AS "jobsByProject",
       (SELECT COALESCE(jsonb_agg(${TRAINING_INSTITUTION_JSON} ORDER BY name, id), '[]'::jsonb)
          FROM workforce.training_institution
         WHERE serves_all_zone_projects) AS "trainingInstitutions"`,
    [projectIds],
  );
  return row ?? { jobsByProject: {}, trainingInstitutions: [] };
}
