import { Permitted } from '@azg/core/identity';
import { IDEMPOTENCY_KEY_DESCRIPTION, runWrite } from '@azg/core/writes';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { ProjectReference } from '../project/project.type';
import { RecordJobsInput } from './job-record.input';
import { recordJobs } from './job-record.repository';
import { JobRecord } from './job-record.type';

@Resolver(() => JobRecord)
export class JobRecordResolver {
  @Permitted('write')
  @Mutation(() => JobRecord, {
    description: 'Records the jobs planned and created for a project as they stood on a date. The project\'s `workforce` then answers them, '
      + 'unless a record dated later states them. Needs the editor role.',
  })
  recordJobs(
    @Arg('input', () => RecordJobsInput, { description: 'The project, the date and the figures.' }) input: RecordJobsInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string | null | undefined,
    @Ctx() context: Context,
  ): Promise<JobRecord> {
    return runWrite(context, { operation: 'recordJobs', idempotencyKey, input: { input } }, (tx) => recordJobs(tx, input));
  }

  @FieldResolver(() => ProjectReference, {
    nullable: true,
    description: 'The project the jobs are for (resolved by the projects subgraph); null when the projects subgraph knows no project of the id '
      + '(workforce checks another subgraph\'s ids for shape only).',
  })
  project(@Root() record: JobRecord): ProjectReference {
    return { id: record.projectId };
  }
}
