import { type Connection, readPageRequest } from '@azg/core/pagination';
import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { JobRecord } from '../job-record/job-record.type';
import { Jobs } from '../jobs/jobs.type';
import { TrainingInstitution } from '../training-institution/training-institution.type';
import { ProjectsByJobsArgs } from './project.input';
import { projectJobsOrdering, type ProjectWithWorkforce } from './project.repository';
import { ProjectReference } from './project.reference';
import { ProjectJobsConnection } from './project.type';

/** `projectsByJobs`, and the fields this subgraph adds to the projects subgraph's projects: jobs, training, job records. */
@Resolver(() => ProjectReference)
export class ProjectWorkforceResolver {
  @Query(() => ProjectJobsConnection, {
    description: 'The projects the document reports jobs for, ordered by their jobs (most planned first by default), a page at a time (at most 100; 20 unless `first` or `last` says otherwise). '
      + 'Jobs are this subgraph\'s figures, so this is where projects are ordered by them; a project with no reported jobs of its own is not listed (see `projects` for every project).',
  })
  async projectsByJobs(
    @Args(() => ProjectsByJobsArgs) args: ProjectsByJobsArgs,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<ProjectWithWorkforce>> {
    const request = readPageRequest(args, { connection: 'Query.projectsByJobs', ordering: projectJobsOrdering(args.orderBy), codec: context.cursors, info });
    const page = await context.repositories.projects.findPageByJobs(request);
    // The page already holds each project's jobs and institutions: their fields cost no statement.
    for (const project of page.nodes) context.loaders.projectWorkforce.prime(project.id, project.workforce);
    return page;
  }

  @FieldResolver(() => Jobs, {
    nullable: true,
    description: 'The jobs the document reports for this project alone: planned and created, each null when not given. Jobs given only for a group of projects are on ProjectGroup.jobs, never split among its members. Null only when the workforce subgraph cannot answer (the rest of the response still arrives).',
  })
  async workforce(@Root() project: ProjectReference, @Ctx() context: Context): Promise<Jobs> {
    return (await context.loaders.projectWorkforce.load(project.id)).jobs;
  }

  @FieldResolver(() => [TrainingInstitution], {
    nullable: true,
    description: 'The institutions that train specialists for this project: those that serve every project in the zone (P6). Null only when the workforce subgraph cannot answer (the rest of the response still arrives).',
  })
  async trainingInstitutions(@Root() project: ProjectReference, @Ctx() context: Context): Promise<TrainingInstitution[]> {
    return (await context.loaders.projectWorkforce.load(project.id)).trainingInstitutions;
  }

  @FieldResolver(() => [JobRecord], {
    nullable: true,
    description: 'The jobs recorded for this project at dates, oldest first: the history behind `workforce`; empty when none was recorded. '
      + 'Null only when the workforce subgraph cannot answer.',
  })
  async jobRecords(@Root() project: ProjectReference, @Ctx() context: Context): Promise<JobRecord[]> {
    return (await context.loaders.projectWorkforce.load(project.id)).jobRecords;
  }
}
