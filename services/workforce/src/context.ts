import type { SqlRunner } from '@azg/core/database';
import type { ServiceContext } from '@azg/core/server';
import type { WriteTransaction } from '@azg/core/writes';
import { JobRecordWriteRepository } from './job-record/job-record-write.repository';
import { createGroupJobsLoader, createProjectSetJobsLoader } from './jobs/jobs.loaders';
import { JobsRepository } from './jobs/jobs.repository';
import { createProjectWorkforceLoader } from './project/project.loaders';
import { ProjectRepository } from './project/project.repository';
import { TrainingInstitutionWriteRepository } from './training-institution/training-institution-write.repository';
import { createTrainingInstitutionLoader } from './training-institution/training-institution.loaders';
import { TrainingInstitutionRepository } from './training-institution/training-institution.repository';
import { TrainingProgrammeWriteRepository } from './training-programme/training-programme-write.repository';

/**
 * The workforce subgraph's repositories for one request: the only code here that writes SQL.
 * Reads run over the request's handle; each write repository is built over the transaction
 * `runWrite` opens for its mutation.
 */
export function createRepositories(db: SqlRunner) {
  return {
    trainingInstitutions: new TrainingInstitutionRepository(db),
    projects: new ProjectRepository(db),
    jobs: new JobsRepository(db),
    trainingInstitutionWrite: (tx: WriteTransaction) => new TrainingInstitutionWriteRepository(tx),
    trainingProgrammeWrite: (tx: WriteTransaction) => new TrainingProgrammeWriteRepository(tx),
    jobRecordWrite: (tx: WriteTransaction) => new JobRecordWriteRepository(tx),
  };
}
export type WorkforceRepositories = ReturnType<typeof createRepositories>;

/** Builds a request's loaders over its repositories, so every statement they run is counted and batched. */
export function createLoaders({ trainingInstitutions, projects, jobs }: WorkforceRepositories) {
  return {
    trainingInstitution: createTrainingInstitutionLoader(trainingInstitutions),
    projectWorkforce: createProjectWorkforceLoader(projects),
    groupJobs: createGroupJobsLoader(jobs),
    projectSetJobs: createProjectSetJobsLoader(jobs),
  };
}
/** The workforce subgraph's per-request loaders: built with the request, dropped with it. */
export type WorkforceLoaders = ReturnType<typeof createLoaders>;

/** One request's context in the workforce subgraph: core's part, its loaders and its repositories. */
export type Context = ServiceContext<WorkforceLoaders, WorkforceRepositories>;
