import { ConnectionArgs, createOrderInputType, OrderDirection, type OrderInput } from '@azg/core/pagination';
import { ArgsType, Field, registerEnumType } from 'type-graphql';

/** What `projectsByJobs` can be ordered by. */
export enum ProjectJobsOrderField {
  PLANNED = 'PLANNED',
  CREATED = 'CREATED',
}
registerEnumType(ProjectJobsOrderField, {
  name: 'ProjectJobsOrderField',
  description: 'The jobs figure a list of projects is ordered by. A project the document gives no such figure for comes last in either direction.',
  valuesConfig: {
    PLANNED: { description: 'Jobs to be created, as the number stated ("more than 165" counts as 165).' },
    CREATED: { description: 'Jobs already created, as the number stated.' },
  },
});

export const ProjectJobsOrder = createOrderInputType<ProjectJobsOrderField>({
  name: 'ProjectJobsOrder',
  description: 'One key of the order of `projectsByJobs`. Ties are always broken by the project id, ascending.',
  fieldEnum: ProjectJobsOrderField,
  fieldDescription: 'The jobs figure to order by.',
});
export type ProjectJobsOrder = OrderInput<ProjectJobsOrderField>;

/** Most planned jobs first, unless asked otherwise. */
export const DEFAULT_PROJECT_JOBS_ORDER: ProjectJobsOrder[] = [{ field: ProjectJobsOrderField.PLANNED, direction: OrderDirection.DESC }];

/** The arguments of `projectsByJobs`: paging and ordering. */
@ArgsType()
export class ProjectsByJobsArgs extends ConnectionArgs {
  @Field(() => [ProjectJobsOrder], {
    nullable: true,
    description: 'The order, key by key (each field once); ties broken by project id ascending. Most planned jobs first when omitted. Projects with no such figure come last in either direction.',
  })
  orderBy?: ProjectJobsOrder[] | null;
}
