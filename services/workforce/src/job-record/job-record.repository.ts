/** A job record (table `workforce.job_record` as `alias`) as a JSON object in its GraphQL shape. */
export const jobRecordJson = (alias: string) => `jsonb_build_object('id', ${alias}.id::text, 'projectId', ${alias}.project_id,
  'recordedOn', ${alias}.recorded_on, 'planned', ${alias}.planned, 'created', ${alias}.created,
  'sources', ${alias}.sources, 'enteredBy', ${alias}.entered_by)`;

/**
 * The job records of the projects `projectIds` (a SQL expression of a text[]) as one jsonb object
 * of arrays by project id, each oldest first; a project with none is absent (`{}` when none has any).
 */
export const jobRecordsByProjectJson = (projectIds: string) => `(SELECT COALESCE(jsonb_object_agg(grouped.project_id, grouped.records), '{}'::jsonb)
          FROM (SELECT r.project_id, jsonb_agg(${jobRecordJson('r')} ORDER BY r.recorded_on, r.id) AS records
                  FROM workforce.job_record r WHERE r.project_id = ANY(${projectIds}) GROUP BY r.project_id) grouped)`;

/** One project's job records (project id as the SQL expression `projectId`), oldest first, as a jsonb array; `[]` when it has none. */
export const jobRecordsOfProjectJson = (projectId: string) => `COALESCE((SELECT jsonb_agg(${jobRecordJson('r')} ORDER BY r.recorded_on, r.id)
  FROM workforce.job_record r WHERE r.project_id = ${projectId}), '[]'::jsonb)`;
