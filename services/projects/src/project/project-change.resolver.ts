import { AFTER_EVENT_DESCRIPTION, ChangeEventFields, createChangeSubscription, servedByGateway } from '@azg/core/changes';
import { Arg, FieldResolver, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { ProjectStatsBucket, ProjectStatsGrouping } from '../project-stats-bucket/project-stats-bucket.type';
import { ProjectFilter } from './project.input';
import { Project } from './project.type';

/** `projectChanged`: the projects subgraph's subscription to its projects, which the gateway serves. */
export const { Change: ProjectChange, Resolver: ProjectChangeResolver } = createChangeSubscription({
  name: 'Project',
  record: Project,
  filter: ProjectFilter,
  noun: 'project',
  nouns: 'projects',
  listField: 'projects',
  changeDescription: 'A committed write that changed what a project is: its own record (projects), its jobs (workforce) or one of its land plots (land).',
  subscriptionDescription: 'Every committed change of a project (its record, its jobs, its land plots) that matches the filter after the change, in commit order per subgraph. '
    + 'A project that stops matching gets one last event; a deleted one, an event with a null `project`.',
  recordDescription: 'The project as it is when the event is delivered (at or after the change), read through the whole graph: any field of any subgraph, '
    + 'with the subscriber\'s access. Null once the project is deleted.',
});

@ObjectType('ZoneFiguresChange', {
  description: 'A committed write anywhere in the zone\'s records, with the zone-wide figures as they are after it. '
    + 'Writes that arrive while the last event is still being read or sent are folded into one event: a subscriber gets the newest figures, not every step.',
})
export class ZoneFiguresChange extends ChangeEventFields {}

/** `zoneFiguresChanged`, declared here with the figures it answers; the gateway serves it (see `servedByGateway`). */
@Resolver(() => ZoneFiguresChange)
export class ZoneFiguresChangeResolver {
  @Subscription(() => ZoneFiguresChange, {
    subscribe: servedByGateway,
    description: 'The zone-wide figures, again after every committed write in any subgraph: select `projectStats` as `Query.projectStats` answers it.',
  })
  zoneFiguresChanged(
    @Root() change: ZoneFiguresChange,
    @Arg('after', () => String, { nullable: true, description: AFTER_EVENT_DESCRIPTION }) _after: string | null,
  ): ZoneFiguresChange {
    return change;
  }

  @FieldResolver(() => [ProjectStatsBucket], {
    description: 'The zone\'s projects grouped and summed as `Query.projectStats` answers them, read through the whole graph when the event is delivered.',
  })
  projectStats(
    @Arg('groupBy', () => ProjectStatsGrouping, { description: 'What to group the projects by.' }) _groupBy: ProjectStatsGrouping,
    @Arg('filter', () => ProjectFilter, { nullable: true, description: 'Which projects to count, as `projects` filters them; all when omitted.' }) _filter: ProjectFilter | null,
  ): never {
    return servedByGateway();
  }
}
