import type { SqlRunner } from '@azg/core/database';
import type { ServiceContext } from '@azg/core/server';
import type { WriteTransaction } from '@azg/core/writes';
import { CouncilRepository } from './council/council.repository';
import { ForeignFactsRepository } from './foreign-facts/foreign-facts.repository';
import { createProjectGroupLoaders } from './project-group/project-group.loaders';
import { ProjectGroupWriteRepository } from './project-group/project-group-write.repository';
import { ProjectGroupRepository } from './project-group/project-group.repository';
import { ProjectStatsBucketRepository } from './project-stats-bucket/project-stats-bucket.repository';
import { createProjectStatusLoaders } from './project-status/project-status.loaders';
import { ProjectStatusRepository } from './project-status/project-status.repository';
import { createProjectLoaders } from './project/project.loaders';
import { ProjectWriteRepository } from './project/project-write.repository';
import { ProjectRepository } from './project/project.repository';
import { SourceDocumentRepository } from './source-document/source-document.repository';

/** The projects subgraph's repositories for one request: the only code here that writes SQL. */
export function createRepositories(db: SqlRunner) {
  return {
    projects: new ProjectRepository(db),
    statsBuckets: new ProjectStatsBucketRepository(db),
    statusChanges: new ProjectStatusRepository(db),
    groups: new ProjectGroupRepository(db),
    council: new CouncilRepository(db),
    sourceDocuments: new SourceDocumentRepository(db),
    /** The writes, each over the transaction `runWrite` opens for one mutation. */
    projectWrite: (tx: WriteTransaction) => new ProjectWriteRepository(tx),
    projectGroupWrite: (tx: WriteTransaction) => new ProjectGroupWriteRepository(tx),
  };
}
export type ProjectsRepositories = ReturnType<typeof createRepositories>;

/**
 * The read model of other subgraphs' facts, over the change consumer's transaction: written by
 * the stream handlers outside any request, read by lists of projects through ProjectRepository.
 */
export function createForeignFactsRepository(db: SqlRunner): ForeignFactsRepository {
  return new ForeignFactsRepository(db);
}

/** The projects subgraph's DataLoaders for one request, each batching over its entity's repository; they cache for that request only. */
export function createLoaders({ projects, groups, statusChanges }: ProjectsRepositories) {
  return {
    ...createProjectLoaders(projects),
    ...createProjectGroupLoaders(groups),
    ...createProjectStatusLoaders(statusChanges),
  };
}
export type ProjectsLoaders = ReturnType<typeof createLoaders>;

/** One request's context in the projects subgraph: core's part, its loaders and its repositories. */
export type Context = ServiceContext<ProjectsLoaders, ProjectsRepositories>;
