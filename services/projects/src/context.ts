import type { SqlRunner } from '@azg/core/database';
import type { ServiceContext } from '@azg/core/server';
import { CouncilRepository } from './council/council.repository';
import { createProjectGroupLoaders } from './project-group/project-group.loaders';
import { ProjectGroupRepository } from './project-group/project-group.repository';
import { ProjectStatsBucketRepository } from './project-stats-bucket/project-stats-bucket.repository';
import { createProjectStatusLoaders } from './project-status/project-status.loaders';
import { ProjectStatusRepository } from './project-status/project-status.repository';
import { createProjectLoaders } from './project/project.loaders';
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
  };
}
export type ProjectsRepositories = ReturnType<typeof createRepositories>;

/**
 * The projects subgraph's DataLoaders for one request, each batching over its entity's
 * repository; they cache for that request only. The repositories hold nothing but the handle,
 * so building the request's set again here costs nothing and shares no state.
 */
export function createLoaders(db: SqlRunner) {
  const { projects, groups, statusChanges } = createRepositories(db);
  return {
    ...createProjectLoaders(projects),
    ...createProjectGroupLoaders(groups),
    ...createProjectStatusLoaders(statusChanges),
  };
}
export type ProjectsLoaders = ReturnType<typeof createLoaders>;

/** One request's context in the projects subgraph: core's part, its loaders and its repositories. */
export type Context = ServiceContext<ProjectsLoaders, ProjectsRepositories>;
