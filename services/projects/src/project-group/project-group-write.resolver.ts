import { assertRecordId } from '@azg/core/database';
import { Permitted } from '@azg/core/identity';
import { IdempotencyKeyArg, runWrite, VersionArg } from '@azg/core/writes';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { AddGroupMembersInput } from './project-group-write.input';
import { ProjectGroup } from './project-group.type';

@Resolver(() => ProjectGroup)
export class ProjectGroupWriteResolver {
  @Permitted('write')
  @Mutation(() => ProjectGroup, { description: 'Adds existing projects to a group at the version you read (CONFLICT if it has moved on, or if a project is already a member). Editors only.' })
  addGroupMembers(
    @Arg('groupId', () => ID, { description: 'The group, e.g. "launch-by-end-of-2021".' }) groupId: string,
    @VersionArg('The group\'s `version` as you read it.') version: number,
    @Arg('input', () => AddGroupMembersInput, { description: 'The projects to add and the sources that put them in the group.' }) input: AddGroupMembersInput,
    @IdempotencyKeyArg() idempotencyKey: string | null,
    @Ctx() ctx: Context,
  ): Promise<ProjectGroup> {
    return runWrite(ctx, { operation: 'addGroupMembers', idempotencyKey, input: { groupId: assertRecordId(groupId, 'groupId'), version, input } },
      (tx) => ctx.repositories.projectGroupWrite(tx).addMembers(groupId, version, input));
  }
}
