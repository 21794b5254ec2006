import DataLoader from 'dataloader';
import type { JobRecord } from '../job-record/job-record.type';
import { jobsOrUnknown, type Jobs } from '../jobs/jobs.type';
import type { TrainingInstitution } from '../training-institution/training-institution.type';
import type { ProjectRepository } from './project.repository';

/** This subgraph's part of one project. */
export interface ProjectWorkforce {
  /** Jobs reported for the project alone; figures null when the document gives none. */
  jobs: Jobs;
  /** The institutions that train for the project. */
  trainingInstitutions: TrainingInstitution[];
  /** The jobs recorded for the project at dates, oldest first. */
  jobRecords: JobRecord[];
}

/**
 * This subgraph's part of each project, by project id, in key order; one statement per batch.
 * The document links no institution to a particular project: the one it names trains for all
 * the zone's projects (P6), so every project gets that same list.
 */
export function createProjectWorkforceLoader(projects: ProjectRepository): DataLoader<string, ProjectWorkforce> {
  return new DataLoader<string, ProjectWorkforce>(async (projectIds) => {
    const { jobsByProject, trainingInstitutions, jobRecordsByProject } = await projects.findWorkforce(projectIds);
    // Maps, not indexing the objects: a representation's id is not checked and could be "constructor".
    const jobs = new Map(Object.entries(jobsByProject));
    const records = new Map(Object.entries(jobRecordsByProject));
    return projectIds.map((id) => ({ jobs: jobsOrUnknown(jobs.get(id)), trainingInstitutions, jobRecords: records.get(id) ?? [] }));
  });
}
