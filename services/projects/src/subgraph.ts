// Import order is type-graphql's registration order, and so the order of the printed SDL in
// schema/: a reordering shows up as a diff there (npm run schema), not as a change of the API.
import { defineSubgraph } from '@azg/core/server';
import { createAuditLogResolver } from '@azg/core/writes';
import { seed } from './seed/seed';
import { SYNTHETIC_TABLES } from './seed/synthetic';
import { CompanyProjectsResolver } from './company/company.resolver';
import { createLoaders, createRepositories } from './context';
import { FOREIGN_FACT_HANDLERS } from './foreign-facts/foreign-facts.handlers';
import { CouncilResolver } from './council/council.resolver';
import { projectGroupReference } from './project-group/project-group.reference';
import { GroupMembershipResolver, ProjectGroupResolver } from './project-group/project-group.resolver';
import { projectReference } from './project/project.reference';
import { ProjectGroupFiguresResolver } from './project-group/project-group-figures.resolver';
import { ProjectGroupDescriptionResolver, ProjectGroupNameResolver } from './project-group/project-group-name.resolver';
import { ProjectSearchResolver } from './project/project-search.resolver';
import { ProjectStatsBucketResolver } from './project-stats-bucket/project-stats-bucket.resolver';
import { ProjectNameResolver } from './project/project-name.resolver';
import { ProjectResolver } from './project/project.resolver';
import { ProjectWriteResolver } from './project/project-write.resolver';
import { ProjectGroupWriteResolver } from './project-group/project-group-write.resolver';
import { ProjectStatusResolver } from './project-status/project-status.resolver';
import { ProjectStatusWriteResolver } from './project-status/project-status-write.resolver';
import { SourceDocumentResolver } from './source-document/source-document.resolver';
import { TrainingInstitutionReference } from './training-institution/training-institution.reference';
import { TrainingInstitutionProjectsResolver } from './training-institution/training-institution.resolver';
import { MIGRATIONS } from './migrations';
import { ProjectChangeResolver, ZoneFiguresChangeResolver } from './project/project-change.resolver';

/** The projects subgraph: projects, their groups, the council and the source documents. */
export const projects = defineSubgraph({
  name: 'projects',
  resolvers: [
    ProjectResolver, ProjectGroupResolver, GroupMembershipResolver, CouncilResolver, SourceDocumentResolver,
    CompanyProjectsResolver, TrainingInstitutionProjectsResolver,
    ProjectNameResolver, ProjectGroupFiguresResolver, ProjectGroupNameResolver, ProjectGroupDescriptionResolver,
    ProjectSearchResolver, ProjectStatsBucketResolver,
    ProjectWriteResolver, ProjectStatusResolver, ProjectStatusWriteResolver, ProjectGroupWriteResolver, ProjectChangeResolver, ZoneFiguresChangeResolver,
    createAuditLogResolver('projectsAuditLog', 'projects'),
  ],
  orphanedTypes: [TrainingInstitutionReference],
  references: {
    Project: projectReference,
    ProjectGroup: projectGroupReference,
  },
  loaders: createLoaders,
  repositories: createRepositories,
  migrations: MIGRATIONS,
  seed,
  syntheticTables: SYNTHETIC_TABLES,
  // Other subgraphs' facts that lists of projects filter and order by, kept in this schema.
  consumes: FOREIGN_FACT_HANDLERS,
});
