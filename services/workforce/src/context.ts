import type { SqlRunner } from '@azg/core/database';
import type { ServiceContext } from '@azg/core/server';
import type DataLoader from 'dataloader';
import type { ProjectSet, ProjectSetJobs } from './jobs/jobs-sum.repository';
import { createGroupJobsLoader, createProjectSetJobsLoader } from './jobs/jobs.loaders';
import type { ReportedGroupJobs } from './jobs/jobs.repository';
import { createProjectWorkforceLoader, type ProjectWorkforce } from './project/project.loaders';
import { createTrainingInstitutionLoader } from './training-institution/training-institution.loaders';
import type { TrainingInstitution } from './training-institution/training-institution.type';

/** The workforce subgraph's per-request loaders: built with the request, dropped with it. */
export interface WorkforceLoaders {
  trainingInstitution: DataLoader<string, TrainingInstitution | null>;
  projectWorkforce: DataLoader<string, ProjectWorkforce>;
  groupJobs: DataLoader<string, ReportedGroupJobs | null>;
  projectSetJobs: DataLoader<ProjectSet, ProjectSetJobs, string>;
}

/** Builds a request's loaders over its database handle, so every statement they run is counted. */
export function createLoaders(db: SqlRunner): WorkforceLoaders {
  return {
    trainingInstitution: createTrainingInstitutionLoader(db),
    projectWorkforce: createProjectWorkforceLoader(db),
    groupJobs: createGroupJobsLoader(db),
    projectSetJobs: createProjectSetJobsLoader(db),
  };
}

/** The workforce subgraph's repositories for one request: the only code here that writes SQL. */
export function createRepositories(_db: SqlRunner) {
  return {};
}
export type WorkforceRepositories = ReturnType<typeof createRepositories>;

/** One request's context in the workforce subgraph: core's part, its loaders and its repositories. */
export type Context = ServiceContext<WorkforceLoaders, WorkforceRepositories>;
