import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Jobs, jobsOrUnknown } from '../jobs/jobs.type';
import { ProjectGroupReference } from './project-group.type';

@Resolver(() => ProjectGroupReference)
export class ProjectGroupJobsResolver {
  @FieldResolver(() => Jobs, {
    nullable: true,
    description: 'The jobs the document reports for the group as a whole (e.g. more than 165 planned for the two aerated-concrete plants): planned and created, each null when not given. They belong to the group and say nothing of any one member. Null only when the workforce subgraph cannot answer (the rest of the response still arrives).',
  })
  async jobs(@Root() group: ProjectGroupReference, @Ctx() context: Context): Promise<Jobs> {
    return jobsOrUnknown(await context.loaders.groupJobs.load(group.id));
  }
}
