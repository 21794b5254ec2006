import { Permitted } from '@azg/core/identity';
import { IdempotencyKeyArg, runWrite } from '@azg/core/writes';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { RecordJobsInput } from './job-record-write.input';
import { JobRecord } from './job-record.type';

/** Recording a project's jobs at a date. Editors only. */
@Resolver(() => JobRecord)
export class JobRecordWriteResolver {
  @Permitted('write')
  @Mutation(() => JobRecord, {
    description: 'Records the jobs planned and created for a project as they stood on a date. The project\'s `workforce` then answers them, '
      + 'unless a record dated later states them. Needs the editor role.',
  })
  recordJobs(
    @Arg('input', () => RecordJobsInput, { description: 'The project, the date and the figures.' }) input: RecordJobsInput,
    @IdempotencyKeyArg() idempotencyKey: string | null | undefined,
    @Ctx() context: Context,
  ): Promise<JobRecord> {
    return runWrite(context, { operation: 'recordJobs', idempotencyKey, input: { input } }, (tx) => context.repositories.jobRecordWrite(tx).record(input));
  }
}
