import { assertRecordId } from '@azg/core';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { ProjectsContext } from '../context';
import { Project } from '../project/project.type';
import { GroupMembership, ProjectGroup } from './project-group.type';

@Resolver(() => ProjectGroup)
export class ProjectGroupResolver {
  @Query(() => ProjectGroup, { nullable: true, description: 'A project group by id; null when no group has it.' })
  projectGroup(
    @Arg('id', () => ID, { description: 'The group\'s id, e.g. "launch-by-end-of-2021".' }) id: string,
    @Ctx() ctx: ProjectsContext,
  ): Promise<ProjectGroup | null> {
    return ctx.loaders.groupById.load(assertRecordId(id));
  }

  @Query(() => [ProjectGroup], { description: 'Every group of projects the document reports figures for together, by name.' })
  projectGroups(@Ctx() ctx: ProjectsContext): Promise<ProjectGroup[]> {
    return ctx.repositories.groups.list();
  }

  @FieldResolver(() => [Project], { description: 'The member projects the document names (see `membersKnown`), by name.' })
  async members(@Root() group: ProjectGroup, @Ctx() ctx: ProjectsContext): Promise<Project[]> {
    return (await ctx.loaders.membersByGroupId.load(group.id)).map((member) => member.project);
  }

  @FieldResolver(() => [GroupMembership], { description: 'The memberships, each with the words that put the project in the group.' })
  async memberships(@Root() group: ProjectGroup, @Ctx() ctx: ProjectsContext): Promise<GroupMembership[]> {
    return (await ctx.loaders.membersByGroupId.load(group.id)).map((member) => ({
      group,
      project: member.project,
      groupId: group.id,
      projectId: member.project.id,
      sources: member.sources,
    }));
  }
}

@Resolver(() => GroupMembership)
export class GroupMembershipResolver {
  @FieldResolver(() => ProjectGroup, { description: 'The group.' })
  async group(@Root() membership: GroupMembership, @Ctx() ctx: ProjectsContext): Promise<ProjectGroup> {
    return membership.group ?? (await ctx.loaders.groupById.load(membership.groupId))!;
  }

  @FieldResolver(() => Project, { description: 'The member project.' })
  async project(@Root() membership: GroupMembership, @Ctx() ctx: ProjectsContext): Promise<Project> {
    return membership.project ?? (await ctx.loaders.projectById.load(membership.projectId))!;
  }
}
