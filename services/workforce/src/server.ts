import { buildFederatedSchema, createAuditLogResolver, createSubgraphServer, type SubgraphDependencies, type SubgraphServer } from '@azg/core';
import type { GraphQLSchema } from 'graphql';
import { createLoaders, type Context } from './context';
import { JobRecordResolver } from './jobs/job-record.resolver';
import { projectGroupReference } from './project-group/project-group.reference';
import { projectStatsBucketReference } from './project-stats-bucket/project-stats-bucket.reference';
import { ProjectStatsBucketJobsResolver } from './project-stats-bucket/project-stats-bucket.resolver';
import { ProjectStatsBucketReference } from './project-stats-bucket/project-stats-bucket.type';
import { ProjectGroupJobsResolver } from './project-group/project-group.resolver';
import { ProjectGroupReference } from './project-group/project-group.type';
import { projectReference } from './project/project.reference';
import { ProjectWorkforceResolver } from './project/project.resolver';
import { ProjectReference } from './project/project.type';
import { trainingInstitutionReference } from './training-institution/training-institution.reference';
import { TrainingInstitutionNameResolver } from './training-institution/training-institution-name.resolver';
import { TrainingInstitutionWritesResolver } from './training-institution/training-institution-writes.resolver';
import { TrainingInstitutionResolver } from './training-institution/training-institution.resolver';
import { TrainingProgrammeResolver } from './training-programme/training-programme.resolver';

/** `workforceAuditLog`: every write to jobs, training institutions and programmes, for admins. */
const WORKFORCE_AUDIT_LOG = createAuditLogResolver('workforceAuditLog', 'workforce');

/** The workforce subgraph's Federation 2 schema. Needs no database. */
export async function buildSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        TrainingInstitutionResolver, TrainingInstitutionNameResolver, ProjectWorkforceResolver, ProjectGroupJobsResolver, ProjectStatsBucketJobsResolver,
        JobRecordResolver, TrainingInstitutionWritesResolver, TrainingProgrammeResolver, WORKFORCE_AUDIT_LOG,
      ],
      // No query returns the stubs; they are reached only through _entities, so name them.
      orphanedTypes: [ProjectReference, ProjectGroupReference, ProjectStatsBucketReference],
    },
    {
      TrainingInstitution: trainingInstitutionReference,
      Project: projectReference,
      ProjectGroup: projectGroupReference,
      ProjectStatsBucket: projectStatsBucketReference,
    },
  );
}

/** Builds the workforce subgraph's server around an initialized data source; opens no port. */
export async function createServer(deps: SubgraphDependencies): Promise<SubgraphServer<Context>> {
  return createSubgraphServer<Context>({
    schema: await buildSchema(),
    ...deps,
    createContext: (base) => ({ ...base, loaders: createLoaders(base.db) }),
  });
}
