import { assertRecordId } from '@azg/core/database';
import { Permitted } from '@azg/core/identity';
import { IdempotencyKeyArg, runWrite, VersionArg } from '@azg/core/writes';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../context';
import type { ProjectRecord } from '../project/project.record';
import { Project } from '../project/project.type';
import { ChangeProjectStatusInput } from './project-status-write.input';

/** Moving a project through its life, with the change recorded. Editors only. */
@Resolver(() => Project)
export class ProjectStatusWriteResolver {
  @Permitted('write')
  @Mutation(() => Project, { description: 'Moves a project to another status, recording when it happened, why and on whose word (see `Project.statusHistory`). Only sensible moves are allowed: forward through PROPOSED, PLANNED, UNDER_CONSTRUCTION, COMMISSIONING (which may be skipped) and OPERATING, or to REMOVED from any status with a reason. Editors only.' })
  changeProjectStatus(
    @Arg('id', () => ID, { description: 'The project.' }) id: string,
    @VersionArg('The project\'s `version` as you read it: refused with CONFLICT if it has moved on.') version: number,
    @Arg('input', () => ChangeProjectStatusInput, { description: 'The new status, when it happened, why and on whose word.' }) input: ChangeProjectStatusInput,
    @IdempotencyKeyArg() idempotencyKey: string | null,
    @Ctx() ctx: Context,
  ): Promise<ProjectRecord> {
    return runWrite(ctx, { operation: 'changeProjectStatus', idempotencyKey, input: { id: assertRecordId(id), version, input } },
      (tx) => ctx.repositories.projectWrite(tx).changeStatus(id, version, input));
  }
}
