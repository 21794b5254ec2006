import { assertRecordId } from '@azg/core/database';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { TrainingInstitution } from './training-institution.type';

/** The queries of training institutions: one by id (through the loader) and all of them. */
@Resolver(() => TrainingInstitution)
export class TrainingInstitutionResolver {
  @Query(() => TrainingInstitution, { nullable: true, description: 'One training institution by id; null when no institution has that id.' })
  trainingInstitution(
    @Arg('id', () => ID, { description: 'The institution\'s id, e.g. "industrial-zone-technical-college".' }) id: string,
    @Ctx() context: Context,
  ): Promise<TrainingInstitution | null> {
    return context.loaders.trainingInstitution.load(assertRecordId(id));
  }

  @Query(() => [TrainingInstitution], { description: 'Every training institution the source documents name, by name.' })
  trainingInstitutions(@Ctx() context: Context): Promise<TrainingInstitution[]> {
    return context.repositories.trainingInstitutions.list();
  }
}
