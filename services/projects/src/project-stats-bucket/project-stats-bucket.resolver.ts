import { Sector } from '@azg/core/figures';
import { selectsField } from '@azg/core/pagination';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { ProjectGroup } from '../project-group/project-group.type';
import { ProjectFilter } from '../project/project.input';
import { ProjectStatus } from '../project/project.type';
import type { ProjectStatsRecord } from './project-stats-bucket.repository';
import { ProjectStatsBucket, ProjectStatsGrouping } from './project-stats-bucket.type';

/** The bucket a statement row stands for, keyed "<GROUPING>:<value>" (NONE for the bucket of projects with no value). */
function toBucket(groupBy: ProjectStatsGrouping, record: ProjectStatsRecord): ProjectStatsBucket {
  const value = record.bucket;
  return {
    key: `${groupBy}:${value ?? 'NONE'}`,
    groupBy,
    status: groupBy === ProjectStatsGrouping.STATUS ? value as ProjectStatus : null,
    sector: groupBy === ProjectStatsGrouping.SECTOR ? value as Sector | null : null,
    launchYear: groupBy === ProjectStatsGrouping.LAUNCH_YEAR && value !== null ? Number(value) : null,
    groupId: groupBy === ProjectStatsGrouping.GROUP ? value : null,
    count: record.count,
    investment: record.investment,
    projectIds: record.projectIds,
  };
}

@Resolver(() => ProjectStatsBucket)
export class ProjectStatsBucketResolver {
  @Query(() => [ProjectStatsBucket], {
    description: 'The zone\'s projects grouped by status, sector, launch year or group, each bucket with its count and the projects\' own figures summed: '
      + 'investment here; jobs planned and created (workforce) and hectares (land) from the subgraphs that own them. A figure the document gives only '
      + 'for a group is never split among its members: members without their own figure are counted as unknown. Only buckets with projects are answered.',
  })
  async projectStats(
    @Arg('groupBy', () => ProjectStatsGrouping, { description: 'What to group the projects by.' }) groupBy: ProjectStatsGrouping,
    @Arg('filter', () => ProjectFilter, { nullable: true, description: 'Which projects to count, as `projects` filters them; all when omitted.' }) filter: ProjectFilter | null | undefined,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ProjectStatsBucket[]> {
    // The ids are selected when asked for, and also when another subgraph adds its sums to the
    // buckets: the query planner then fetches the entity key, `key projectIds`, from here.
    const records = await ctx.repositories.statsBuckets.stats(groupBy, filter ?? null, { projectIds: selectsField(info, 'projectIds') });
    return records.map((record) => {
      // The group comes with the bucket; a later `group` field reads it from the loader's cache.
      if (record.group) ctx.loaders.groupById.prime(record.group.id, record.group);
      return toBucket(groupBy, record);
    });
  }

  @FieldResolver(() => ProjectGroup, { nullable: true, description: 'The group, when grouped by GROUP; null otherwise, and for the bucket of projects in no group.' })
  async group(@Root() bucket: ProjectStatsBucket, @Ctx() ctx: Context): Promise<ProjectGroup | null> {
    return bucket.groupId === null ? null : ctx.loaders.groupById.load(bucket.groupId);
  }
}
