import { assertRecordId } from '@azg/core/database';
import { type Connection, ConnectionArgs, mapConnection, type PageRequest, readPageRequest } from '@azg/core/pagination';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { ProjectListArgs } from '../project/project.input';
import type { ProjectRecord } from '../project/project.record';
import { projectOrdering } from '../project/project.repository';
import { Project, ProjectConnection } from '../project/project.type';
import { PROJECT_GROUP_ORDERING } from './project-group.repository';
import { GroupMembership, GroupMembershipConnection, ProjectGroup, ProjectGroupConnection } from './project-group.type';

/** `members` and `memberships` are one list seen two ways: the same order, the same cursors. */
function membersRequest(args: ProjectListArgs, ctx: Context, info: GraphQLResolveInfo): PageRequest {
  return readPageRequest(args, { connection: 'ProjectGroup.members', ordering: projectOrdering(args.orderBy), codec: ctx.cursors, info });
}

@Resolver(() => ProjectGroup)
export class ProjectGroupResolver {
  @Query(() => ProjectGroup, { nullable: true, description: 'A project group by id; null when no group has it.' })
  projectGroup(
    @Arg('id', () => ID, { description: 'The group\'s id, e.g. "launch-by-end-of-2021".' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<ProjectGroup | null> {
    return ctx.loaders.groupById.load(assertRecordId(id));
  }

  @Query(() => ProjectGroupConnection, {
    description: 'The groups of projects the document reports figures for together, by name, a page at a time (at most 100; 20 unless `first` or `last` says otherwise).',
  })
  projectGroups(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<ProjectGroup>> {
    const request = readPageRequest(args, { connection: 'Query.projectGroups', ordering: PROJECT_GROUP_ORDERING, codec: ctx.cursors, info });
    return ctx.repositories.groups.page(request);
  }

  @FieldResolver(() => ProjectConnection, {
    description: 'The member projects the document names (see `membersKnown`), a page at a time, filtered and ordered like `Query.projects` (by name by default).',
  })
  async members(
    @Root() group: ProjectGroup,
    @Args(() => ProjectListArgs) args: ProjectListArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<ProjectRecord>> {
    const page = await ctx.loaders.memberPagesByGroupId.load(group.id, membersRequest(args, ctx, info), args.filter ?? null);
    return mapConnection(page, (member) => member.project);
  }

  @FieldResolver(() => GroupMembershipConnection, {
    description: 'The memberships, each with the words that put the project in the group: the same list as `members`, in the same order, with the same cursors.',
  })
  async memberships(
    @Root() group: ProjectGroup,
    @Args(() => ProjectListArgs) args: ProjectListArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<GroupMembership>> {
    const page = await ctx.loaders.memberPagesByGroupId.load(group.id, membersRequest(args, ctx, info), args.filter ?? null);
    return mapConnection(page, (member) => ({
      group,
      project: member.project,
      groupId: group.id,
      projectId: member.project.id,
      sources: member.sources,
      enteredBy: member.enteredBy,
    }));
  }
}

@Resolver(() => GroupMembership)
export class GroupMembershipResolver {
  @FieldResolver(() => ProjectGroup, { description: 'The group.' })
  async group(@Root() membership: GroupMembership, @Ctx() ctx: Context): Promise<ProjectGroup> {
    return membership.group ?? (await ctx.loaders.groupById.load(membership.groupId))!;
  }

  @FieldResolver(() => Project, { description: 'The member project.' })
  async project(@Root() membership: GroupMembership, @Ctx() ctx: Context): Promise<Project> {
    return membership.project ?? (await ctx.loaders.projectById.load(membership.projectId))!;
  }
}
