import { assertRecordId } from '@azg/core/database';
import { Permitted } from '@azg/core/identity';
import { IdempotencyKeyArg, runWrite, VersionArg } from '@azg/core/writes';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { CreateProjectInput, UpdateProjectInput } from './project-write.input';
import type { ProjectRecord } from './project.record';
import { Project } from './project.type';

/** Creating and editing projects (their status changes with `changeProjectStatus`). Editors only. */
@Resolver(() => Project)
export class ProjectWriteResolver {
  @Permitted('write')
  @Mutation(() => Project, { description: 'Creates a project, with its sources or marked as entered by you. Its company is an id of the companies subgraph, checked for shape only. Editors only.' })
  createProject(
    @Arg('input', () => CreateProjectInput, { description: 'The new project.' }) input: CreateProjectInput,
    @IdempotencyKeyArg() idempotencyKey: string | null,
    @Ctx() ctx: Context,
  ): Promise<ProjectRecord> {
    return runWrite(ctx, { operation: 'createProject', idempotencyKey, input: { input } }, (tx) => ctx.repositories.projectWrite(tx).create(input));
  }

  @Permitted('write')
  @Mutation(() => Project, { description: 'Changes a project at the version you read (CONFLICT if it has moved on): only the fields given change. Its document sources stay; the write adds its own sources, or is marked as entered by you. Editors only.' })
  updateProject(
    @Arg('id', () => ID, { description: 'The project.' }) id: string,
    @VersionArg('The project\'s `version` as you read it: refused with CONFLICT if it has moved on.') version: number,
    @Arg('input', () => UpdateProjectInput, { description: 'The fields to change; the others stay.' }) input: UpdateProjectInput,
    @IdempotencyKeyArg() idempotencyKey: string | null,
    @Ctx() ctx: Context,
  ): Promise<ProjectRecord> {
    return runWrite(ctx, { operation: 'updateProject', idempotencyKey, input: { id: assertRecordId(id), version, input } },
      (tx) => ctx.repositories.projectWrite(tx).update(id, version, input));
  }
}
