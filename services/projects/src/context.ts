import type { SubgraphContext } from '@azg/core';
import { CouncilRepository } from './council/council.repository';
import { ProjectGroupRepository } from './project-group/project-group.repository';
import { createLoaders, type ProjectsLoaders } from './project/project.loaders';
import { ProjectRepository } from './project/project.repository';
import { SourceDocumentRepository } from './source-document/source-document.repository';

/** Everything one request of the projects subgraph needs, built fresh per request. */
export interface ProjectsContext extends SubgraphContext {
  loaders: ProjectsLoaders;
  repositories: {
    projects: ProjectRepository;
    groups: ProjectGroupRepository;
    council: CouncilRepository;
    sourceDocuments: SourceDocumentRepository;
  };
}

export function createContext(base: SubgraphContext): ProjectsContext {
  return {
    ...base,
    loaders: createLoaders(base.db),
    repositories: {
      projects: new ProjectRepository(base.db),
      groups: new ProjectGroupRepository(base.db),
      council: new CouncilRepository(base.db),
      sourceDocuments: new SourceDocumentRepository(base.db),
    },
  };
}
