import type { SqlRunner } from '@azg/core/database';
import type { ServiceContext } from '@azg/core/server';
import { CouncilRepository } from './council/council.repository';
import { ProjectGroupRepository } from './project-group/project-group.repository';
import { createLoaders, type ProjectsLoaders } from './project/project.loaders';
import { ProjectRepository } from './project/project.repository';
import { SourceDocumentRepository } from './source-document/source-document.repository';

export { createLoaders };

/** The projects subgraph's repositories for one request: the only code here that writes SQL. */
export function createRepositories(db: SqlRunner) {
  return {
    projects: new ProjectRepository(db),
    groups: new ProjectGroupRepository(db),
    council: new CouncilRepository(db),
    sourceDocuments: new SourceDocumentRepository(db),
  };
}
export type ProjectsRepositories = ReturnType<typeof createRepositories>;

/** One request's context in the projects subgraph: core's part, its loaders and its repositories. */
export type Context = ServiceContext<ProjectsLoaders, ProjectsRepositories>;
