import { AreaSum } from '@azg/core/figures';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { ProjectStatsBucketReference } from './project-stats-bucket.reference';

@Resolver(() => ProjectStatsBucketReference)
export class ProjectStatsBucketLandResolver {
  @FieldResolver(() => AreaSum, {
    nullable: true,
    description: 'The land plots the source ties to the bucket\'s projects, summed in hectares; projects with no known plot are counted in `unknownCount`. '
      + 'Land reported only for a whole group is not split among its projects. Null only when the land subgraph cannot answer.',
  })
  landArea(@Root() bucket: ProjectStatsBucketReference, @Ctx() context: Context): Promise<AreaSum> {
    return context.loaders.projectSetArea.load({ key: bucket.key, projectIds: bucket.projectIds });
  }
}
