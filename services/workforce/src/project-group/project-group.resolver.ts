import { countDifference } from '@azg/core/figures';
import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import type { ProjectSetJobs } from '../jobs/jobs.repository';
import { Jobs, JobsDifference, JobsSum, jobsOrUnknown } from '../jobs/jobs.type';
import { ProjectGroupReference } from './project-group.reference';

/** The jobs this subgraph adds to the projects subgraph's groups: reported, itemized over the members, and the difference. */
@Resolver(() => ProjectGroupReference)
export class ProjectGroupJobsResolver {
  @FieldResolver(() => Jobs, {
    nullable: true,
    description: 'The jobs the document reports for the group as a whole (e.g. more than 165 planned for the two aerated-concrete plants): planned and created, each null when not given. They belong to the group and say nothing of any one member. Null only when the workforce subgraph cannot answer (the rest of the response still arrives).',
  })
  async jobs(@Root() group: ProjectGroupReference, @Ctx() context: Context): Promise<Jobs> {
    // When the fetch also asks for itemized jobs, the representation carries the members and one
    // statement answers both; otherwise the reported jobs alone.
    if (group.memberIds !== undefined) return jobsOrUnknown((await membersJobs(group, context)).reported);
    return jobsOrUnknown(await context.loaders.groupJobs.load(group.id));
  }

  @Directive('@requires(fields: "memberIds")')
  @FieldResolver(() => JobsSum, {
    nullable: true,
    description: 'The jobs the group\'s named members report of their own, summed (planned and created apart), to set against `jobs`. '
      + 'Null only when the workforce subgraph cannot answer.',
  })
  async itemizedJobs(@Root() group: ProjectGroupReference, @Ctx() context: Context): Promise<JobsSum> {
    return (await membersJobs(group, context)).itemized;
  }

  @Directive('@requires(fields: "memberIds")')
  @FieldResolver(() => JobsDifference, {
    nullable: true,
    description: 'The jobs reported for the group minus its members\' own (`jobs` minus `itemizedJobs`): jobs the document counts that no named member accounts for. '
      + 'Null only when the workforce subgraph cannot answer.',
  })
  async jobsDifference(@Root() group: ProjectGroupReference, @Ctx() context: Context): Promise<JobsDifference> {
    const { reported, itemized } = await membersJobs(group, context);
    return { planned: countDifference(reported?.planned ?? null, itemized.planned), created: countDifference(reported?.created ?? null, itemized.created) };
  }
}

/** The group's reported jobs and its named members' summed, from one batched statement. */
function membersJobs(group: ProjectGroupReference, context: Context): Promise<ProjectSetJobs> {
  return context.loaders.projectSetJobs.load({ key: group.id, projectIds: group.memberIds ?? [] });
}

