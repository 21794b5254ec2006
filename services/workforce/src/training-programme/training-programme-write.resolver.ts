import { Permitted } from '@azg/core/identity';
import { IdempotencyKeyArg, runWrite } from '@azg/core/writes';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { AddTrainingProgrammeInput } from './training-programme-write.input';
import { TrainingProgramme } from './training-programme.type';

/** Adding programmes to training institutions. Editors only. */
@Resolver(() => TrainingProgramme)
export class TrainingProgrammeWriteResolver {
  @Permitted('write')
  @Mutation(() => TrainingProgramme, { description: 'Adds a programme to a training institution (e.g. the technical college). Needs the editor role.' })
  addTrainingProgramme(
    @Arg('input', () => AddTrainingProgrammeInput, { description: 'The programme.' }) input: AddTrainingProgrammeInput,
    @IdempotencyKeyArg() idempotencyKey: string | null | undefined,
    @Ctx() context: Context,
  ): Promise<TrainingProgramme> {
    return runWrite(context, { operation: 'addTrainingProgramme', idempotencyKey, input: { input } },
      (tx) => context.repositories.trainingProgrammeWrite(tx).add(input));
  }
}
