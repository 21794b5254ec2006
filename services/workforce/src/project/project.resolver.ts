import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Jobs } from '../jobs/jobs.type';
import { TrainingInstitution } from '../training-institution/training-institution.type';
import { ProjectReference } from './project.type';

@Resolver(() => ProjectReference)
export class ProjectWorkforceResolver {
  @FieldResolver(() => Jobs, {
    nullable: true,
    description: 'The jobs the document reports for this project alone: planned and created, each null when not given. Jobs given only for a group of projects are on ProjectGroup.jobs, never split among its members. Null only when the workforce subgraph cannot answer (the rest of the response still arrives).',
  })
  async workforce(@Root() project: ProjectReference, @Ctx() context: Context): Promise<Jobs> {
    return (await context.loaders.projectWorkforce.load(project.id)).jobs;
  }

  @FieldResolver(() => [TrainingInstitution], {
    nullable: true,
    description: 'The institutions that train specialists for this project: those that serve every project in the zone (P6). Null only when the workforce subgraph cannot answer (the rest of the response still arrives).',
  })
  async trainingInstitutions(@Root() project: ProjectReference, @Ctx() context: Context): Promise<TrainingInstitution[]> {
    return (await context.loaders.projectWorkforce.load(project.id)).trainingInstitutions;
  }
}
