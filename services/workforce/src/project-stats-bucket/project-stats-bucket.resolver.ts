import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { JobsSum } from '../jobs/jobs.type';
import { ProjectStatsBucketReference } from './project-stats-bucket.reference';

/** The jobs this subgraph adds to the projects subgraph's statistics buckets. */
@Resolver(() => ProjectStatsBucketReference)
export class ProjectStatsBucketJobsResolver {
  @FieldResolver(() => JobsSum, {
    nullable: true,
    description: 'The jobs the bucket\'s projects report of their own, summed (planned and created apart); jobs reported only for a group are not split among its members. '
      + 'Null only when the workforce subgraph cannot answer.',
  })
  async jobs(@Root() bucket: ProjectStatsBucketReference, @Ctx() context: Context): Promise<JobsSum> {
    return (await context.loaders.projectSetJobs.load({ key: bucket.key, projectIds: bucket.projectIds })).itemized;
  }
}
