import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { TrainingInstitution } from '../training-institution/training-institution.type';
import { TrainingProgramme } from './training-programme.type';

/** A programme's institution, through the institution loader. */
@Resolver(() => TrainingProgramme)
export class TrainingProgrammeResolver {
  @FieldResolver(() => TrainingInstitution, { description: 'The institution that teaches the programme.' })
  async institution(@Root() programme: TrainingProgramme, @Ctx() context: Context): Promise<TrainingInstitution> {
    // The programme was read through its institution or written into an existing one: it is there.
    return (await context.loaders.trainingInstitution.load(programme.institutionId))!;
  }
}
