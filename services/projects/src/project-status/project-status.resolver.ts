import { assertRecordId } from '@azg/core/database';
import { Permitted } from '@azg/core/identity';
import { IDEMPOTENCY_KEY_DESCRIPTION, runWrite } from '@azg/core/writes';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { ChangeProjectStatusInput } from '../project/project-write.input';
import { ProjectWriteRepository } from '../project/project-write.repository';
import type { ProjectRecord } from '../project/project.repository';
import { Project } from '../project/project.type';
import { ProjectStatusChange } from './project-status-change.type';

@Resolver(() => Project)
export class ProjectStatusResolver {
  @FieldResolver(() => [ProjectStatusChange], { description: 'The status changes recorded by `changeProjectStatus`, oldest first; empty for a project whose status only the document gives.' })
  statusHistory(@Root() project: Project, @Ctx() ctx: Context): Promise<ProjectStatusChange[]> {
    return ctx.loaders.statusChangesByProjectId.load(project.id);
  }

  @Permitted('write')
  @Mutation(() => Project, { description: 'Moves a project to another status, recording when it happened, why and on whose word (see `Project.statusHistory`). Only sensible moves are allowed: forward through PROPOSED, PLANNED, UNDER_CONSTRUCTION, COMMISSIONING (which may be skipped) and OPERATING, or to REMOVED from any status with a reason. Editors only.' })
  changeProjectStatus(
    @Arg('id', () => ID, { description: 'The project.' }) id: string,
    @Arg('version', () => Int, { description: 'The project\'s `version` as you read it: refused with CONFLICT if it has moved on.' }) version: number,
    @Arg('input', () => ChangeProjectStatusInput, { description: 'The new status, when it happened, why and on whose word.' }) input: ChangeProjectStatusInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string | null,
    @Ctx() ctx: Context,
  ): Promise<ProjectRecord> {
    return runWrite(ctx, { operation: 'changeProjectStatus', idempotencyKey, input: { id: assertRecordId(id), version, input } },
      (tx) => new ProjectWriteRepository(tx).changeStatus(id, version, input));
  }
}
