import { buildFederatedSchema, createAuditLogResolver, createSubgraphServer, type SubgraphDependencies, type SubgraphServer } from '@azg/core';
import type { GraphQLSchema } from 'graphql';
import { CompanyProjectsResolver } from './company/company.resolver';
import { createContext, type ProjectsContext } from './context';
import { CouncilResolver } from './council/council.resolver';
import { resolveProjectGroupReference } from './project-group/project-group.reference';
import { GroupMembershipResolver, ProjectGroupResolver } from './project-group/project-group.resolver';
import { resolveProjectReference } from './project/project.reference';
import { ProjectGroupFiguresResolver } from './project-group/project-group-figures.resolver';
import { ProjectSearchResolver } from './project-search/project-search.resolver';
import { ProjectStatsResolver } from './project-stats/project-stats.resolver';
import { ProjectNameResolver } from './project/project-name.resolver';
import { ProjectResolver } from './project/project.resolver';
import { ProjectWriteResolver } from './project/project-write.resolver';
import { ProjectGroupWriteResolver } from './project-group/project-group-write.resolver';
import { ProjectStatusResolver } from './project-status/project-status.resolver';
import { SourceDocumentResolver } from './source-document/source-document.resolver';
import { TrainingInstitutionReference } from './training-institution/training-institution.reference';
import { TrainingInstitutionProjectsResolver } from './training-institution/training-institution.resolver';

/** `projectsAuditLog`: every write to projects and groups, for admins. */
const PROJECTS_AUDIT_LOG = createAuditLogResolver('projectsAuditLog', 'projects');

/** The projects subgraph's schema: projects, their groups, the council and the source documents. */
export function buildSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        ProjectResolver, ProjectGroupResolver, GroupMembershipResolver, CouncilResolver, SourceDocumentResolver,
        CompanyProjectsResolver, TrainingInstitutionProjectsResolver,
        ProjectNameResolver, ProjectGroupFiguresResolver, ProjectSearchResolver, ProjectStatsResolver,
        ProjectWriteResolver, ProjectStatusResolver, ProjectGroupWriteResolver, PROJECTS_AUDIT_LOG,
      ],
      // Reachable only through other subgraphs, so named here for the schema to include it.
      orphanedTypes: [TrainingInstitutionReference],
    },
    {
      Project: { __resolveReference: resolveProjectReference },
      ProjectGroup: { __resolveReference: resolveProjectGroupReference },
    },
  );
}

/** Builds the subgraph's server around a data source; opens no port. */
export async function createServer(deps: SubgraphDependencies): Promise<SubgraphServer<ProjectsContext>> {
  return createSubgraphServer({ schema: await buildSchema(), ...deps, createContext });
}
