import { Permitted } from '@azg/core/identity';
import { IDEMPOTENCY_KEY_DESCRIPTION, runWrite } from '@azg/core/writes';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { TrainingInstitution } from '../training-institution/training-institution.type';
import { AddTrainingProgrammeInput } from './training-programme.input';
import { addTrainingProgramme } from './training-programme.repository';
import { TrainingProgramme } from './training-programme.type';

@Resolver(() => TrainingProgramme)
export class TrainingProgrammeResolver {
  @Permitted('write')
  @Mutation(() => TrainingProgramme, { description: 'Adds a programme to a training institution (e.g. the technical college). Needs the editor role.' })
  addTrainingProgramme(
    @Arg('input', () => AddTrainingProgrammeInput, { description: 'The programme.' }) input: AddTrainingProgrammeInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string | null | undefined,
    @Ctx() context: Context,
  ): Promise<TrainingProgramme> {
    return runWrite(context, { operation: 'addTrainingProgramme', idempotencyKey, input: { input } }, (tx) => addTrainingProgramme(tx, input));
  }

  @FieldResolver(() => TrainingInstitution, { description: 'The institution that teaches the programme.' })
  async institution(@Root() programme: TrainingProgramme, @Ctx() context: Context): Promise<TrainingInstitution> {
    return (await context.loaders.trainingInstitution.load(programme.institutionId))!;
  }
}
