import { assertRecordId } from '@azg/core/database';
import { Permitted } from '@azg/core/identity';
import { IDEMPOTENCY_KEY_DESCRIPTION, runWrite } from '@azg/core/writes';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { UpdateTrainingInstitutionInput } from './training-institution-writes.input';
import { updateTrainingInstitution } from './training-institution-writes.repository';
import { TrainingInstitution } from './training-institution.type';

@Resolver(() => TrainingInstitution)
export class TrainingInstitutionWritesResolver {
  @Permitted('write')
  @Mutation(() => TrainingInstitution, {
    description: 'Edits a training institution (the technical college of P6): names, status, builder, location, purpose, capacity, opening date. Needs the editor role.',
  })
  updateTrainingInstitution(
    @Arg('id', () => ID, { description: 'The institution, e.g. "industrial-zone-technical-college". NOT_FOUND when no institution has the id.' }) id: string,
    @Arg('version', () => Int, { description: 'The institution\'s `version` as you read it: refused with CONFLICT if it has moved on.' }) version: number,
    @Arg('input', () => UpdateTrainingInstitutionInput, { description: 'The fields to change; the others stay.' }) input: UpdateTrainingInstitutionInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string | null | undefined,
    @Ctx() context: Context,
  ): Promise<TrainingInstitution> {
    return runWrite(context, { operation: 'updateTrainingInstitution', idempotencyKey, input: { id: assertRecordId(id), version, input } },
      (tx) => updateTrainingInstitution(tx, id, version, input));
  }
}
