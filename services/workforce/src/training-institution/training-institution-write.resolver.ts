import { assertRecordId } from '@azg/core/database';
import { Permitted } from '@azg/core/identity';
import { IdempotencyKeyArg, runWrite, VersionArg } from '@azg/core/writes';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { UpdateTrainingInstitutionInput } from './training-institution-write.input';
import { TrainingInstitution } from './training-institution.type';

/** Editing training institutions. Editors only. */
@Resolver(() => TrainingInstitution)
export class TrainingInstitutionWriteResolver {
  @Permitted('write')
  @Mutation(() => TrainingInstitution, {
    description: 'Edits a training institution (the technical college of P6): names, status, builder, location, purpose, capacity, opening date. Needs the editor role.',
  })
  updateTrainingInstitution(
    @Arg('id', () => ID, { description: 'The institution, e.g. "industrial-zone-technical-college". NOT_FOUND when no institution has the id.' }) id: string,
    @VersionArg('The institution\'s `version` as you read it: refused with CONFLICT if it has moved on.') version: number,
    @Arg('input', () => UpdateTrainingInstitutionInput, { description: 'The fields to change; the others stay.' }) input: UpdateTrainingInstitutionInput,
    @IdempotencyKeyArg() idempotencyKey: string | null | undefined,
    @Ctx() context: Context,
  ): Promise<TrainingInstitution> {
    return runWrite(context, { operation: 'updateTrainingInstitution', idempotencyKey, input: { id: assertRecordId(id), version, input } },
      (tx) => context.repositories.trainingInstitutionWrite(tx).update(id, version, input));
  }
}
