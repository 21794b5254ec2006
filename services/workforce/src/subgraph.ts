// Import order is type-graphql's registration order, and so the order of the printed SDL in
// schema/: a reordering shows up as a diff there (npm run schema), not as a change of the API.
// The stubs register Project, ProjectStatsBucket, ProjectGroup in that order; the mutations
// recordJobs, updateTrainingInstitution, addTrainingProgramme; the queries projectsByJobs, then
// the institutions'.
import { defineSubgraph } from '@azg/core/server';
import { createAuditLogResolver } from '@azg/core/writes';
import { seed } from './seed/seed';
import { SYNTHETIC_TABLES } from './seed/synthetic';
import { createLoaders, createRepositories } from './context';
import { JobRecordWriteResolver } from './job-record/job-record-write.resolver';
import { JobRecordResolver } from './job-record/job-record.resolver';
import { ProjectReference } from './project/project.reference';
import { ProjectStatsBucketReference } from './project-stats-bucket/project-stats-bucket.reference';
import { ProjectStatsBucketJobsResolver } from './project-stats-bucket/project-stats-bucket.resolver';
import { ProjectGroupReference } from './project-group/project-group.reference';
import { ProjectGroupJobsResolver } from './project-group/project-group.resolver';
import { ProjectWorkforceResolver } from './project/project.resolver';
import { trainingInstitutionReference } from './training-institution/training-institution.reference';
import { TrainingInstitutionNameResolver } from './training-institution/training-institution-name.resolver';
import { TrainingInstitutionWriteResolver } from './training-institution/training-institution-write.resolver';
import { TrainingInstitutionResolver } from './training-institution/training-institution.resolver';
import { TrainingProgrammeWriteResolver } from './training-programme/training-programme-write.resolver';
import { TrainingProgrammeResolver } from './training-programme/training-programme.resolver';
import { MIGRATIONS } from './migrations';

/** The workforce subgraph: the jobs projects plan and create, and the technical college that trains for them. */
export const workforce = defineSubgraph({
  name: 'workforce',
  resolvers: [
    TrainingInstitutionResolver, TrainingInstitutionNameResolver, TrainingInstitutionWriteResolver,
    TrainingProgrammeResolver, TrainingProgrammeWriteResolver,
    ProjectWorkforceResolver, ProjectGroupJobsResolver, ProjectStatsBucketJobsResolver,
    JobRecordResolver, JobRecordWriteResolver,
    createAuditLogResolver('workforceAuditLog', 'workforce'),
  ],
  orphanedTypes: [ProjectReference, ProjectGroupReference, ProjectStatsBucketReference],
  references: {
    TrainingInstitution: trainingInstitutionReference,
  },
  loaders: createLoaders,
  repositories: createRepositories,
  migrations: MIGRATIONS,
  seed,
  syntheticTables: SYNTHETIC_TABLES,
});
